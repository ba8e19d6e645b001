using Retention.Core.Ledger;

namespace Retention.Core.Dimensions;

/// <summary>
/// What the first-purchase cohorts read of one customer, worked out once however many values they count under:
/// repeat or not, which windows they can be judged in and ordered again within, and their historic CLV at 3, 6 and
/// 12 months (<c>docs/metrics.md</c>, "First-purchase cohorts by dimension"). The predicted CLV is not here: it comes
/// after the ledger's pass (<see cref="DimensionCounts"/>).
/// </summary>
internal readonly struct FirstPurchaseFacts
{
    /// <summary>"Ordered again within" windows, in days after the first order's day.</summary>
    public static readonly int[] AgainWithinDays = [30, 90, 180, 365];

    /// <summary>Historic CLV windows, in calendar months from the first order's day.</summary>
    public static readonly int[] ClvMonths = [3, 6, 12];

    private readonly decimal _clv3, _clv6, _clv12;

    private FirstPurchaseFacts(bool repeat, int judged, int again, decimal clv3, decimal clv6, decimal clv12)
    {
        IsRepeat = repeat;
        JudgedMask = judged;
        AgainMask = again;
        (_clv3, _clv6, _clv12) = (clv3, clv6, clv12);
    }

    /// <summary>Two or more purchases as of the night.</summary>
    public bool IsRepeat { get; }

    /// <summary>Bit w: old enough for day window w; bit 4 + m: old enough for month window m.</summary>
    public int JudgedMask { get; }

    /// <summary>Bit w: the second purchase is at most <see cref="AgainWithinDays"/>[w] days after the first.</summary>
    public int AgainMask { get; }

    public bool IsJudgedForDays(int window) => (JudgedMask & (1 << window)) != 0;
    public bool OrderedAgainWithin(int window) => (AgainMask & (1 << window)) != 0;
    public bool IsJudgedForMonths(int window) => (JudgedMask & (1 << (4 + window))) != 0;
    public decimal ClvAtMonths(int window) => window switch { 0 => _clv3, 1 => _clv6, _ => _clv12 };

    /// <summary>
    /// Customer <paramref name="customer"/>'s facts from the night's purchases (<see cref="Metrics.PurchaseHistory.Table"/>,
    /// the same purchases as the ledger's <see cref="OrderLedger.CustomersAsOf"/>, in the same order): made when needed
    /// from the columns, not kept for every customer (64 bytes a customer, 128 MB at 2,000,000, at the night's peak).
    /// </summary>
    public static FirstPurchaseFacts Of(Metrics.PurchaseTable table, int customer, int asOfDay)
    {
        int start = table.CustomerStart[customer], end = table.CustomerStart[customer + 1];
        var firstDay = table.Day[start];
        int judged = 0, again = 0;
        for (var w = 0; w < AgainWithinDays.Length; w++)
        {
            if (firstDay + AgainWithinDays[w] > asOfDay) continue;
            judged |= 1 << w;
            if (end - start >= 2 && table.Day[start + 1] - firstDay <= AgainWithinDays[w]) again |= 1 << w;
        }

        var first = DateOnly.FromDayNumber(firstDay);
        Span<int> ends = stackalloc int[3];
        Span<decimal> clv = stackalloc decimal[3];
        for (var m = 0; m < ClvMonths.Length; m++)
        {
            ends[m] = first.AddMonths(ClvMonths[m]).DayNumber;
            if (ends[m] <= asOfDay) judged |= 1 << (4 + m);
        }
        for (var i = start; i < end; i++)
            for (var m = 0; m < 3; m++)
                if (table.Day[i] < ends[m]) clv[m] += table.Amount[i];
        return new FirstPurchaseFacts(end - start >= 2, judged, again, clv[0], clv[1], clv[2]);
    }
}
