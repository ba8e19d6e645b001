namespace Retention.Core.Metrics;

/// <summary>
/// Sorts customers by revenue, the one sort the figures cannot avoid. Amounts with at most four decimals (every
/// currency's minor unit) are sorted as exact whole numbers of 1/10,000, several times faster than comparing
/// decimals; any other amount falls back to sorting the decimals themselves, so the order is exact either way.
/// </summary>
internal static class RevenueRanking
{
    private const decimal Scale = 10_000m;
    private const decimal Limit = long.MaxValue / 10_000m / 2m;

    public static int[] Ascending(decimal[] revenue)
    {
        var n = revenue.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;

        var scaled = new long[n];
        var exact = true;
        for (var i = 0; i < n && exact; i++)
        {
            var value = revenue[i];
            if (Math.Abs(value) >= Limit) { exact = false; break; }
            var units = value * Scale;
            scaled[i] = (long)units;
            exact = scaled[i] == units;
        }
        if (exact) Array.Sort(scaled, order);
        else Array.Sort((decimal[])revenue.Clone(), order);

        // Array.Sort is not stable: put every run of equal revenue back in index order.
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && revenue[order[end]] == revenue[order[start]]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
        return order;
    }
}
