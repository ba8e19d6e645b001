namespace Retention.Core.Dimensions;

/// <summary>
/// Days from the first purchase to the second, for the customers acquired in one month or (month null) in all:
/// a histogram in <see cref="TimeToSecondOrder.Buckets"/> and its quartiles (<c>docs/metrics.md</c>, "Time to second order").
/// </summary>
/// <param name="FirstPurchaseMonth">The month of the first purchase; null for the row of all customers.</param>
/// <param name="Customers">Customers acquired (first purchase in the month, or all).</param>
/// <param name="SecondOrderCustomers">Of those, customers with a second purchase as of the night.</param>
/// <param name="Buckets">Customers per bucket, in <see cref="TimeToSecondOrder.Buckets"/> order.</param>
/// <param name="P25Days">The quartiles by linear interpolation (DuckDB's <c>quantile_cont</c>); null without a second order.</param>
public sealed record SecondOrderTiming(DateOnly? FirstPurchaseMonth, int Customers, int SecondOrderCustomers, IReadOnlyList<int> Buckets,
    decimal? P25Days, decimal? MedianDays, decimal? P75Days, decimal? AverageDays)
{
    /// <summary>The first day of each bucket of <see cref="Buckets"/>; a bucket ends the day before the next one starts.</summary>
    public static IReadOnlyList<int> BucketStartDays => TimeToSecondOrder.Buckets;
}

/// <summary>The days to a second order, customer by customer, per first-purchase month and for all.</summary>
internal sealed class TimeToSecondOrder
{
    /// <summary>The buckets' lowest days, each up to the next one's minus 1; the last has no end.</summary>
    public static readonly int[] Buckets = [0, 8, 15, 31, 61, 91, 181, 366];

    private readonly SortedDictionary<int, (int Customers, List<int> Days)> _months = [];

    /// <param name="firstDay">The first purchase's day number.</param>
    /// <param name="secondDay">The second purchase's day number; null without one.</param>
    public void Add(int firstDay, int? secondDay)
    {
        var first = DateOnly.FromDayNumber(firstDay);
        var month = first.Year * 12 + first.Month - 1;
        if (!_months.TryGetValue(month, out var tally)) tally = (0, []);
        if (secondDay is { } second) tally.Days.Add(second - firstDay);
        _months[month] = (tally.Customers + 1, tally.Days);
    }

    public static int BucketOf(int days)
    {
        var bucket = Buckets.Length - 1;
        while (days < Buckets[bucket]) bucket--;
        return bucket;
    }

    /// <summary>The row of all customers, then one per first-purchase month with customers, oldest first.</summary>
    public List<SecondOrderTiming> Rows()
    {
        var all = new List<int>();
        var customers = 0;
        var rows = new List<SecondOrderTiming>(_months.Count + 1) { null! };
        foreach (var (month, (monthCustomers, days)) in _months)
        {
            customers += monthCustomers;
            all.AddRange(days);
            rows.Add(Row(new DateOnly(month / 12, month % 12 + 1, 1), monthCustomers, days));
        }
        rows[0] = Row(null, customers, all);
        return rows;
    }

    private static SecondOrderTiming Row(DateOnly? month, int customers, List<int> days)
    {
        days.Sort();
        var buckets = new int[Buckets.Length];
        long total = 0;
        foreach (var d in days)
        {
            buckets[BucketOf(d)]++;
            total += d;
        }
        return new SecondOrderTiming(month, customers, days.Count, buckets, Quantile(days, 0.25m), Quantile(days, 0.5m), Quantile(days, 0.75m),
            Metrics.Ratio.Average(total, days.Count));
    }

    /// <summary>
    /// DuckDB's <c>quantile_cont</c>: the value at position (n − 1) × q of the sorted days, interpolated linearly between
    /// its neighbours; exact in decimal, since the positions are quarters.
    /// </summary>
    public static decimal? Quantile(IReadOnlyList<int> sorted, decimal q)
    {
        if (sorted.Count == 0) return null;
        var position = (sorted.Count - 1) * q;
        var below = (int)Math.Floor(position);
        var above = (int)Math.Ceiling(position);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
