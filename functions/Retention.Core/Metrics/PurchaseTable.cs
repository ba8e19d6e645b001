namespace Retention.Core.Metrics;

/// <summary>
/// A <see cref="PurchaseHistory"/> laid out as columns: one array per field and one slice per customer
/// (<see cref="CustomerStart"/>[c] .. <see cref="CustomerStart"/>[c + 1]). Built once per computation so that
/// every figure is a single allocation-free pass over plain arrays, whatever the size of the shop.
/// </summary>
internal sealed class PurchaseTable
{
    private readonly int[] _monthOfDay;
    private readonly Lazy<int[]> _revenueOrder;

    private PurchaseTable(DateOnly asOf, string[] customerKeys, int[] customerStart, int[] day, decimal[] amount, IReadOnlyList<string>? orderIds)
    {
        AsOf = asOf;
        CustomerKeys = customerKeys;
        CustomerStart = customerStart;
        Day = day;
        Amount = amount;
        OrderIds = orderIds;
        var firstDay = asOf.DayNumber;
        foreach (var d in day) if (d < firstDay) firstDay = d;
        FirstDay = firstDay;
        CustomerRevenue = new decimal[customerKeys.Length];
        for (var c = 0; c < customerKeys.Length; c++)
            for (var i = customerStart[c]; i < customerStart[c + 1]; i++) CustomerRevenue[c] += amount[i];
        _revenueOrder = new Lazy<int[]>(() => RevenueRanking.Ascending(CustomerRevenue));
        // A lookup per calendar day beats decomposing a date per purchase; the range is the shop's age in days.
        _monthOfDay = new int[Math.Max(0, AsOf.DayNumber - firstDay + 1)];
        for (int d = firstDay, month = -1, monthEnd = -1; d <= AsOf.DayNumber; d++)
        {
            if (d > monthEnd)
            {
                var date = DateOnly.FromDayNumber(d);
                month = CalendarPeriods.MonthIndex(date);
                monthEnd = CalendarPeriods.MonthEnd(month).DayNumber;
            }
            _monthOfDay[d - firstDay] = month;
        }
    }

    public DateOnly AsOf { get; }

    public int AsOfDay => AsOf.DayNumber;

    /// <summary>Ordinal order, as <see cref="PurchaseHistory.Purchases"/> is sorted.</summary>
    public string[] CustomerKeys { get; }

    public int[] CustomerStart { get; }

    /// <summary><see cref="DateOnly.DayNumber"/> of each purchase; within a customer ascending.</summary>
    public int[] Day { get; }

    public decimal[] Amount { get; }

    /// <summary>
    /// Read only to make <see cref="PurchaseHistory.Purchases"/>: from a ledger, made strings one by one when read; null when
    /// the history was taken without them (<see cref="Ledger.OrderLedger.PurchasesWithoutIdsAsOf"/>).
    /// </summary>
    public IReadOnlyList<string>? OrderIds { get; }

    /// <summary>Each customer's net revenue to the as-of day, which CLV and RFM both need.</summary>
    public decimal[] CustomerRevenue { get; }

    /// <summary>Customer indexes by net revenue ascending, equal revenue in index (= ordinal key) order; RFM and CLV share the one sort.</summary>
    public int[] RevenueOrder => _revenueOrder.Value;

    /// <summary>The shop's first purchase day (the as-of day when there is none).</summary>
    public int FirstDay { get; }

    public int Customers => CustomerKeys.Length;

    public int Purchases => Day.Length;

    public int FirstMonth => MonthOf(FirstDay);

    public int AsOfMonth => MonthOf(AsOfDay);

    /// <summary>Month index (<see cref="CalendarPeriods.MonthIndex"/>) of a day between the first purchase and the as-of day.</summary>
    public int MonthOf(int dayNumber) => _monthOfDay[dayNumber - FirstDay];

    /// <summary>From columns already in customer, day, order id order (the ledger's order).</summary>
    public static PurchaseTable Create(DateOnly asOf, string[] customerKeys, int[] customerStart, int[] day, decimal[] amount,
        IReadOnlyList<string>? orderIds) => new(asOf, customerKeys, customerStart, day, amount, orderIds);

    /// <summary>From purchases sorted by customer, day, order id.</summary>
    public static PurchaseTable Of(DateOnly asOf, IReadOnlyList<Purchase> sorted)
    {
        var n = sorted.Count;
        var day = new int[n];
        var amount = new decimal[n];
        var orderIds = new string[n];
        var starts = new List<int>();
        var keys = new List<string>();
        string? previous = null;
        for (var i = 0; i < n; i++)
        {
            var p = sorted[i];
            if (!string.Equals(p.CustomerKey, previous, StringComparison.Ordinal))
            {
                starts.Add(i);
                keys.Add(p.CustomerKey);
                previous = p.CustomerKey;
            }
            day[i] = p.Day.DayNumber;
            amount[i] = p.NetAmount;
            orderIds[i] = p.OrderId;
        }
        starts.Add(n);
        return new PurchaseTable(asOf, [.. keys], [.. starts], day, amount, orderIds);
    }
}
