using Retention.Core.Models;

namespace Retention.Tests.Models;

public class BgNbdTests
{
    [Fact]
    public void Cdnow_fit_matches_the_published_estimates_within_a_tenth_of_a_percent()
    {
        var fit = BgNbdFitter.Fit(CdnowSample.Summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var m = fit.Model!;
        AssertRelative(0.2425945, m.R, 1e-3);
        AssertRelative(4.4136019, m.Alpha, 1e-3);
        AssertRelative(0.7929199, m.A, 1e-3);
        AssertRelative(2.4258881, m.B, 1e-3);
        AssertRelative(-9582.429, fit.LogLikelihood!.Value, 1e-3);
        AssertRounds(-9582.429, fit.LogLikelihood!.Value, decimals: 3);
        Assert.True(fit.Convergence!.Converged);
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError is > 0));
    }

    /// <summary>|actual − published| ≤ half a unit of the published value's last decimal (plus a hair for the binary representation).</summary>
    internal static void AssertRounds(double published, double actual, int decimals) =>
        Assert.True(Math.Abs(actual - published) <= 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9),
            $"expected {published} (to {decimals} decimals), got {actual}");

    internal static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"expected {expected} within {tolerance:P2}, got {actual} ({(actual - expected) / expected:P4} off)");
}
