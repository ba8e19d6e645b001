using Retention.Core.Models;
using static Retention.Tests.Models.BgNbdTests;

namespace Retention.Tests.Models;

public class GammaGammaTests
{
    /// <summary>
    /// The published p 6.25, q 3.74, γ 15.44 have 2 decimals, so the true estimates lie within ±0.005 of them: that half unit
    /// of the last digit is the best tolerance the published precision allows (0.08 % of p, 0.13 % of q, 0.03 % of γ;
    /// for q it is wider than 0.1 %, which a value given as 3.74 cannot support: 3.7442, our estimate, is 0.11 % from it
    /// and rounds to it). The log-likelihood, published to 3 decimals, is held to ±0.0005 (1e-7 relative).
    /// </summary>
    [Fact]
    public void Cdnow_fit_matches_the_published_estimates_to_their_published_precision()
    {
        var fit = GammaGammaFitter.Fit(CdnowSample.Summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var m = fit.Model!;
        Assert.Equal(946, fit.Customers);
        Assert.Equal(0, fit.Excluded);
        AssertRounds(-4055.918, fit.LogLikelihood!.Value, decimals: 3);
        AssertRounds(6.25, m.P, decimals: 2);
        AssertRounds(3.74, m.Q, decimals: 2);
        AssertRounds(15.44, m.Gamma, decimals: 2);
        AssertRelative(-4055.918, fit.LogLikelihood!.Value, 1e-3);
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError is > 0));
    }

    /// <summary>
    /// One density: the fit's maximum is the sum of the model's own ln f over the customers it fitted on, and the
    /// likelihood's analytic gradient is the numeric one (equation (5) of Fader &amp; Hardie 2013, <see cref="GammaGammaLikelihood"/>).
    /// </summary>
    [Fact]
    public void The_fit_maximizes_the_models_own_density_and_its_gradient_is_the_numeric_one()
    {
        var customers = CdnowSample.Summaries;
        var fit = GammaGammaFitter.Fit(customers);
        var model = fit.Model!;
        var buyers = customers.Where(c => c.Frequency > 0 && c.Monetary > 0).ToList();
        Assert.Equal(fit.LogLikelihood!.Value, buyers.Sum(c => model.LogLikelihood(c.Frequency, c.Monetary)), 6);

        var (x, spend) = (buyers[0].Frequency, buyers[0].Monetary);
        Span<double> gradient = stackalloc double[3];
        new GammaGammaLikelihood(model).LogLikelihood(x, spend, gradient);
        double[] theta = [model.P, model.Q, model.Gamma];
        for (var k = 0; k < 3; k++)
        {
            var h = 1e-6 * theta[k];
            double At(double delta)
            {
                var t = (double[])theta.Clone();
                t[k] += delta;
                return new GammaGammaModel(t[0], t[1], t[2]).LogLikelihood(x, spend);
            }
            Assert.Equal((At(h) - At(-h)) / (2 * h), gradient[k], 5);
        }
    }
}
