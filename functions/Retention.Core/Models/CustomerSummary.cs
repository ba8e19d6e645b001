namespace Retention.Core.Models;

/// <summary>
/// One customer as the buy-till-you-die models see them at the calibration end (<c>docs/models.md</c>, "Customer
/// summary"): purchases of one day are one purchase (a visit split into baskets), and the first purchase is the start
/// of the relationship, not a repeat.
/// </summary>
/// <param name="Frequency">x: repeat purchase days, the distinct purchase days after the first, up to the calibration end.</param>
/// <param name="Recency">t_x: from the first to the last purchase day, in the time unit (0 when x = 0).</param>
/// <param name="Age">T: from the first purchase day to the calibration end, in the time unit.</param>
/// <param name="Monetary">The mean spend of the repeat purchase days (the first purchase excluded; a day's purchases added
/// up); 0 when x = 0. Only <see cref="GammaGammaModel"/> reads it.</param>
public sealed record CustomerSummary(string CustomerKey, int Frequency, double Recency, double Age, double Monetary)
{
    /// <summary>
    /// The summaries of every customer with a purchase on or before <paramref name="calibrationEnd"/>, from
    /// (customer, day, amount) rows in any order; later rows are ignored. Customers are in ordinal key order.
    /// </summary>
    public static CustomerSummaries FromPurchases(IEnumerable<(string CustomerKey, DateOnly Day, decimal Amount)> rows,
        DateOnly calibrationEnd, ModelTimeUnit unit = ModelTimeUnit.Week)
    {
        var keys = new List<string>();
        var days = new List<int>();
        var amounts = new List<decimal>();
        var end = calibrationEnd.DayNumber;
        foreach (var (key, day, amount) in rows)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (day.DayNumber > end) continue;
            keys.Add(key);
            days.Add(day.DayNumber);
            amounts.Add(amount);
        }
        var order = new int[keys.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (i, j) =>
        {
            var byKey = string.CompareOrdinal(keys[i], keys[j]);
            return byKey != 0 ? byKey : days[i].CompareTo(days[j]);
        });
        var builder = new CustomerSummaries.Builder(calibrationEnd, unit);
        for (var start = 0; start < order.Length;)
        {
            var key = keys[order[start]];
            var stop = start;
            while (stop < order.Length && string.Equals(keys[order[stop]], key, StringComparison.Ordinal)) stop++;
            builder.Add(key, order.AsSpan(start, stop - start), i => days[i], i => amounts[i]);
            start = stop;
        }
        return builder.Build();
    }

    /// <summary>The summaries of a purchase history (its net amounts), calibrated at its as-of day or an earlier day.</summary>
    public static CustomerSummaries FromPurchases(Metrics.PurchaseHistory history, DateOnly? calibrationEnd = null,
        ModelTimeUnit unit = ModelTimeUnit.Week)
    {
        var table = history.Table;
        var end = calibrationEnd ?? history.AsOf;
        var builder = new CustomerSummaries.Builder(end, unit);
        for (var c = 0; c < table.Customers; c++)
        {
            int start = table.CustomerStart[c], stop = table.CustomerStart[c + 1];
            while (stop > start && table.Day[stop - 1] > end.DayNumber) stop--;
            if (stop == start) continue;
            builder.Add(table.CustomerKeys[c], table.Day.AsSpan(start, stop - start), table.Amount.AsSpan(start, stop - start));
        }
        return builder.Build();
    }
}
