using Retention.Core.Metrics;

namespace Retention.Pipeline.Reports;

/// <summary>Customers whose historic CLV is in [<see cref="From"/>, <see cref="To"/>); <see cref="To"/> null is the open top bin.</summary>
public sealed record ClvBin(decimal From, decimal? To, int Customers, decimal NetRevenue);

/// <summary>
/// The bins of the CLV histogram. Historic CLV is heavily right-skewed (a few customers are worth many times the
/// rest), so equal bins up to the largest value would put almost everyone in the first one. Instead the bins are
/// about ten equal, round-width bins (1, 2, 2.5 or 5 × 10ⁿ) up to the 95th percentile (nearest rank), and one open
/// bin "at least …" holds the tail. Every customer is in exactly one bin; a CLV of zero (free orders only) is in the
/// first, and so would a negative one be.
/// </summary>
public static class ClvHistogram
{
    public const int TargetBins = 10;
    public const decimal TailPercentile = 0.95m;

    public static IReadOnlyList<ClvBin> Of(IReadOnlyList<CustomerValue> customers)
    {
        if (customers.Count == 0) return [];
        var values = customers.Select(c => c.NetRevenue).Order().ToArray();
        // Nobody has spent anything (free orders only): one bin, rather than ten empty ones or a division by zero.
        if (values[^1] <= 0) return [new ClvBin(0m, 1m, values.Length, values.Sum())];
        var tail = values[(int)Math.Ceiling(TailPercentile * values.Length) - 1];
        var span = tail > 0 ? tail : values[^1];
        var width = ChartScale.NiceCeiling(span / TargetBins);
        var closed = Math.Max(1, (int)Math.Ceiling(span / width));
        var top = closed * width;
        var hasTail = values[^1] >= top;

        var counts = new int[closed + (hasTail ? 1 : 0)];
        var revenue = new decimal[counts.Length];
        foreach (var customer in customers)
        {
            var bin = customer.NetRevenue >= top ? closed : Math.Max(0, (int)Math.Floor(customer.NetRevenue / width));
            counts[bin]++;
            revenue[bin] += customer.NetRevenue;
        }
        return [.. counts.Select((count, i) => new ClvBin(i * width, i < closed ? (i + 1) * width : null, count, revenue[i]))];
    }
}
