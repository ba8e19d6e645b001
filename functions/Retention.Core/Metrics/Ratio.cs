namespace Retention.Core.Metrics;

/// <summary>
/// How every share and average is rounded, in one place: shares to 6 decimals and money averages to 4, half to
/// even, as the first-cut snapshot does. A ratio without a denominator is null, not 0: "no customers at the
/// start of the month" must not read as "a retention rate of 0".
/// </summary>
internal static class Ratio
{
    public static decimal? Of(decimal part, decimal whole) => whole == 0m ? null : Math.Round(part / whole, 6);

    public static decimal? Average(decimal total, decimal count) => count == 0m ? null : Math.Round(total / count, 4);
}
