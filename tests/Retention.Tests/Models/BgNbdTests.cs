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

    /// <summary>
    /// The log-likelihood itself, not only the estimates it leads to: Fader, Hardie &amp; Lee (2005) give LL −9582.429 at
    /// r 0.2425945, α 4.4136019, a 0.7929199, b 2.4258881 (<c>../shared/reference/README.md</c>). Equation (6) summed
    /// customer by customer at those parameters must give it, and so must the fitter's sum over triples, which is the
    /// same function.
    /// </summary>
    [Fact]
    public void Cdnow_log_likelihood_at_the_published_estimates_is_the_published_value()
    {
        var published = new BgNbdModel(0.2425945, 4.4136019, 0.7929199, 2.4258881);
        var summaries = CdnowSample.Summaries;
        var customerByCustomer = summaries.Sum(c => published.LogLikelihood(c.Frequency, c.Recency, c.Age));
        Assert.Equal(-9582.429, customerByCustomer, 0.01);
        Assert.Equal(customerByCustomer, BgNbdFitter.LogLikelihoodOf(published, summaries.Compress()), 6);
    }

    /// <summary>
    /// The maximum the fit reports is the published −9582.429 too, it is the same equation (6) evaluated at the fit's own
    /// estimates, and it is a maximum: no lower than the value at the published estimates.
    /// </summary>
    [Fact]
    public void Cdnow_fitted_maximum_is_the_published_log_likelihood()
    {
        var summaries = CdnowSample.Summaries;
        var fit = BgNbdFitter.Fit(summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var maximum = fit.LogLikelihood!.Value;
        Assert.Equal(-9582.429, maximum, 0.01);
        Assert.Equal(summaries.Sum(c => fit.Model!.LogLikelihood(c.Frequency, c.Recency, c.Age)), maximum, 6);
        var published = new BgNbdModel(0.2425945, 4.4136019, 0.7929199, 2.4258881);
        Assert.True(maximum >= BgNbdFitter.LogLikelihoodOf(published, summaries.Compress()) - 1e-6);
    }

    /// <summary>
    /// The likelihood's gradient, which the fit follows, is the derivative of its value: central differences of
    /// <see cref="BgNbdFitter.LogLikelihoodOf"/> in each parameter agree with the analytic gradient at the published
    /// estimates (where it is near 0) and away from them.
    /// </summary>
    [Theory]
    [InlineData(0.2425945, 4.4136019, 0.7929199, 2.4258881)]
    [InlineData(0.6, 2.0, 1.7, 0.9)]
    public void Likelihood_gradient_is_the_derivative_of_its_value(double r, double alpha, double a, double b)
    {
        var triples = CdnowSample.Summaries.Compress();
        var analytic = LikelihoodGradientCheck.Summed(triples, new BgNbdLikelihood(new BgNbdModel(r, alpha, a, b), triples.MaxX).LogLikelihood);
        LikelihoodGradientCheck.AgreesWithDifferences([r, alpha, a, b], analytic,
            t => BgNbdFitter.LogLikelihoodOf(new BgNbdModel(t[0], t[1], t[2], t[3]), triples));
    }

    /// <summary>|actual − published| ≤ half a unit of the published value's last decimal (plus a hair for the binary representation).</summary>
    internal static void AssertRounds(double published, double actual, int decimals) =>
        Assert.True(Math.Abs(actual - published) <= 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9),
            $"expected {published} (to {decimals} decimals), got {actual}");

    internal static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"expected {expected} within {tolerance:P2}, got {actual} ({(actual - expected) / expected:P4} off)");
}
