using Retention.Core.Models;
using static Retention.Tests.Models.BgNbdTests;

namespace Retention.Tests.Models;

public class ParetoNbdTests
{
    /// <summary>
    /// Not in the reference README: Fader, Hardie &amp; Lee (2005) report r 0.553, α 10.578, s 0.606, β 11.669 and
    /// LL −9595.0 for the Pareto/NBD on the same CDNOW summary; the BTYD package's vignette has LL −9594.976 with
    /// slightly different 4th digits (r 0.5534, α 10.5802, s 0.6061, β 11.6562). Held to the paper's 3 decimals and the
    /// vignette's log-likelihood to 0.001 %.
    /// </summary>
    [Fact]
    public void Cdnow_fit_matches_the_published_estimates()
    {
        var fit = ParetoNbdFitter.Fit(CdnowSample.Summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var m = fit.Model!;
        AssertRelative(-9594.976, fit.LogLikelihood!.Value, 1e-5);
        AssertRounds(0.553, m.R, decimals: 3);
        AssertRounds(10.578, m.Alpha, decimals: 3);
        AssertRounds(0.606, m.S, decimals: 3);
        AssertRounds(11.669, m.Beta, decimals: 3);
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError is > 0));
    }

    /// <summary>
    /// The log-likelihood itself at the published estimates (the same sources as above, neither in the reference README):
    /// at the BTYD vignette's r 0.5534, α 10.5802, s 0.6061, β 11.6562 the CDNOW sample sums to its −9594.976, and at the
    /// paper's r 0.553, α 10.578, s 0.606, β 11.669 to the paper's −9595.0 (given to one decimal). The fitter's sum over
    /// triples is the same function.
    /// </summary>
    [Fact]
    public void Cdnow_log_likelihood_at_the_published_estimates_is_the_published_value()
    {
        var summaries = CdnowSample.Summaries;
        double CustomerByCustomer(ParetoNbdModel model) => summaries.Sum(c => model.LogLikelihood(c.Frequency, c.Recency, c.Age));
        var vignette = new ParetoNbdModel(0.5534, 10.5802, 0.6061, 11.6562);
        Assert.Equal(-9594.976, CustomerByCustomer(vignette), 0.01);
        Assert.Equal(CustomerByCustomer(vignette), ParetoNbdFitter.LogLikelihoodOf(vignette, summaries.Compress()), 6);
        Assert.Equal(-9595.0, CustomerByCustomer(new ParetoNbdModel(0.553, 10.578, 0.606, 11.669)), 0.05);
    }

    /// <summary>The maximum the fit reports is the published −9594.976 to 0.01 and is no lower than the value at the published estimates.</summary>
    [Fact]
    public void Cdnow_fitted_maximum_is_the_published_log_likelihood()
    {
        var summaries = CdnowSample.Summaries;
        var fit = ParetoNbdFitter.Fit(summaries);
        Assert.True(fit.IsFitted, fit.Failure?.Message);
        var maximum = fit.LogLikelihood!.Value;
        Assert.Equal(-9594.976, maximum, 0.01);
        Assert.Equal(summaries.Sum(c => fit.Model!.LogLikelihood(c.Frequency, c.Recency, c.Age)), maximum, 6);
        Assert.True(maximum >= ParetoNbdFitter.LogLikelihoodOf(new ParetoNbdModel(0.5534, 10.5802, 0.6061, 11.6562), summaries.Compress()) - 1e-6);
    }

    [Fact]
    public void The_fitters_cached_likelihood_equals_the_sum_of_every_customers_own()
    {
        var model = new ParetoNbdModel(0.5533, 10.5777, 0.6062, 11.6687);
        var summaries = CdnowSample.Summaries;
        var oneByOne = summaries.Sum(c => model.LogLikelihood(c.Frequency, c.Recency, c.Age));
        Assert.Equal(oneByOne, ParetoNbdFitter.LogLikelihoodOf(model, summaries.Compress()), 6);
        var swapped = model with { Alpha = 12, Beta = 3 }; // α > β and α < β take different 2F1 forms
        Assert.Equal(summaries.Sum(c => swapped.LogLikelihood(c.Frequency, c.Recency, c.Age)), ParetoNbdFitter.LogLikelihoodOf(swapped, summaries.Compress()), 6);
    }

    [Fact]
    public void Likelihood_is_finite_when_the_last_purchase_is_on_the_calibration_end_and_for_many_purchases()
    {
        var model = new ParetoNbdModel(0.5533, 10.5777, 0.6062, 11.6687);
        Assert.True(double.IsFinite(model.LogLikelihood(3, 38.86, 38.86)));
        Assert.True(double.IsFinite(model.LogLikelihood(400, 38.8, 38.86)));
        Assert.True(double.IsFinite(model.LogLikelihood(2, 38.859999, 38.86)));
        Assert.True(double.IsFinite(new ParetoNbdModel(0.5, 200, 0.6, 0.001).LogLikelihood(5, 0.1, 50))); // 2F1 argument near 1
    }

    /// <summary>
    /// A regular of 261 purchases under parameters where one rate is hundreds of times the other (z = 0.9545 at t_x): the
    /// paper's ₂F₁ there is about 10^350, beyond a double, and `bench nightly`'s shop met it in its first night without
    /// the cap on distinct summaries it had then. The series in Euler's form has no such factor: the likelihood, P(alive)
    /// and the gradient are finite, and the gradient is the derivative of the likelihood.
    /// </summary>
    [Fact]
    public void A_regular_whose_2f1_overflows_a_double_still_has_a_likelihood_and_gradient()
    {
        double[] theta = [0.9755, 0.5, 0.3641, 200];
        var model = new ParetoNbdModel(theta[0], theta[1], theta[2], theta[3]);
        Assert.Throws<ArithmeticException>(() => Hypergeometric2F1.Value(theta[0] + theta[2] + 261, theta[0] + 261, theta[0] + theta[2] + 262, 199.5 / 209));
        Assert.True(double.IsFinite(model.LogLikelihood(261, 9, 10)));
        Assert.InRange(model.ProbabilityAlive(261, 9, 10), 0, 1);
        var analytic = new double[4];
        new ParetoNbdLikelihood(model).LogLikelihood(261, 9, 10, analytic);
        for (var j = 0; j < 4; j++)
        {
            var h = 1e-5 * theta[j];
            double[] up = [.. theta], down = [.. theta];
            up[j] += h;
            down[j] -= h;
            var numeric = (new ParetoNbdModel(up[0], up[1], up[2], up[3]).LogLikelihood(261, 9, 10)
                - new ParetoNbdModel(down[0], down[1], down[2], down[3]).LogLikelihood(261, 9, 10)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[j]) <= 1e-6 * Math.Max(1, Math.Abs(analytic[j])),
                $"parameter {j}: analytic {analytic[j]}, numeric {numeric}");
        }
    }

    /// <summary>
    /// The gradient the fit follows is the derivative of the value it maximizes: central differences of
    /// <see cref="ParetoNbdFitter.LogLikelihoodOf(ParetoNbdModel, SummaryTriples)"/> in each parameter agree with the
    /// analytic gradient on CDNOW, at the published estimates (where it is near 0), with α &gt; β and α &lt; β (the two
    /// forms of the integral's series), and where β is so small against α that z passes the series' limit for the
    /// early purchases and the terms come from the ₂F₁'s transformation to 1 − z instead.
    /// </summary>
    [Theory]
    [InlineData(0.5534, 10.5802, 0.6061, 11.6562)]
    [InlineData(0.8, 12, 0.4, 3)]
    [InlineData(0.3, 2, 1.5, 40)]
    [InlineData(0.5, 200, 0.6, 2)]
    public void Likelihood_gradient_is_the_derivative_of_its_value(double r, double alpha, double s, double beta)
    {
        var triples = CdnowSample.Summaries.Compress();
        var analytic = new double[4];
        ParetoNbdFitter.LogLikelihoodOf(new ParetoNbdModel(r, alpha, s, beta), triples, analytic);
        LikelihoodGradientCheck.AgreesWithDifferences([r, alpha, s, beta], analytic,
            t => ParetoNbdFitter.LogLikelihoodOf(new ParetoNbdModel(t[0], t[1], t[2], t[3]), triples));
    }

    /// <summary>
    /// A customer's gradient alone is the derivative of their own log-likelihood, also when the last purchase is a hair
    /// before the calibration end (where the difference of the two integral terms is taken in logarithms).
    /// </summary>
    [Theory]
    [InlineData(0, 0, 30)]
    [InlineData(3, 12.5, 30)]
    [InlineData(2, 29.999999, 30)]
    [InlineData(60, 29, 30)]
    public void A_customers_gradient_is_the_derivative_of_their_log_likelihood(int x, double tx, double age)
    {
        double[] theta = [0.5534, 10.5802, 0.6061, 11.6562];
        var analytic = new double[4];
        new ParetoNbdLikelihood(new ParetoNbdModel(theta[0], theta[1], theta[2], theta[3])).LogLikelihood(x, tx, age, analytic);
        for (var j = 0; j < 4; j++)
        {
            var h = 1e-5 * theta[j];
            double[] up = [.. theta], down = [.. theta];
            up[j] += h;
            down[j] -= h;
            var numeric = (new ParetoNbdModel(up[0], up[1], up[2], up[3]).LogLikelihood(x, tx, age)
                - new ParetoNbdModel(down[0], down[1], down[2], down[3]).LogLikelihood(x, tx, age)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[j]) <= 1e-6 * Math.Max(1, Math.Abs(analytic[j])),
                $"parameter {j}: analytic {analytic[j]}, numeric {numeric}");
        }
    }

    /// <summary>
    /// The likelihood (its integral terms summed as a series in Euler's form up to z = 0.95, by the ₂F₁'s transformation
    /// to 1 − z beyond) is the paper's closed form written with <see cref="Hypergeometric2F1"/> directly, to 1e-12
    /// relative: α &gt; β and α &lt; β, z small, just below and just above the series' limit, and many purchases.
    /// </summary>
    [Theory]
    [InlineData(0.5534, 10.5802, 0.6061, 11.6562, 2, 10.0, 30.0)]
    [InlineData(0.8, 12, 0.4, 3, 5, 3.0, 40.0)]
    [InlineData(0.3, 2, 1.5, 40, 0, 0.0, 50.0)]
    [InlineData(0.3, 2, 1.5, 40, 7, 0.05, 50.0)] // z = 38/40.05 = 0.949: the series' last stretch
    [InlineData(0.3, 2, 1.5, 40, 7, 0.0, 50.0)] // z = 0.95 exactly
    [InlineData(0.3, 1.9, 1.5, 40, 7, 0.0, 50.0)] // z = 0.9525: the transformation
    [InlineData(0.5, 10.58, 0.6, 11.67, 400, 38.8, 38.86)]
    [InlineData(0.5, 200, 0.6, 0.001, 5, 0.1, 50)]
    public void The_likelihood_is_the_papers_closed_form(double r, double alpha, double s, double beta, int x, double tx, double age)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);
        var expected = PapersLogLikelihood(r, alpha, s, beta, x, tx, age);
        var actual = model.LogLikelihood(x, tx, age);
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"expected {expected}, got {actual}");
    }

    /// <summary>
    /// ln L by Fader &amp; Hardie's note as written: ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A₀],
    /// A₀ = F(t_x)/(m+t_x)^(r+s+x) − F(T)/(m+T)^(r+s+x) with the ₂F₁ of the larger of α, β (terms in logarithms).
    /// </summary>
    private static double PapersLogLikelihood(double r, double alpha, double s, double beta, int x, double tx, double age)
    {
        var n = r + s + x;
        double LogTerm(double y) => alpha >= beta
            ? Math.Log(Hypergeometric2F1.Value(n, s + 1, n + 1, (alpha - beta) / (alpha + y))) - n * Math.Log(alpha + y)
            : Math.Log(Hypergeometric2F1.Value(n, r + x, n + 1, (beta - alpha) / (beta + y))) - n * Math.Log(beta + y);
        var alive = -(r + x) * Math.Log(alpha + age) - s * Math.Log(beta + age);
        var first = MathNet.Numerics.SpecialFunctions.GammaLn(r + x) - MathNet.Numerics.SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) + s * Math.Log(beta);
        if (tx >= age) return first + alive;
        var (u, v) = (LogTerm(tx), LogTerm(age));
        var dead = Math.Log(s / n) + u + Math.Log(-Expm1(v - u));
        var max = Math.Max(alive, dead);
        return first + max + Math.Log(Math.Exp(alive - max) + Math.Exp(dead - max));

        // eᵈ − 1 with the rounding of eᵈ divided back out (Kahan), as the naive form loses digits near 0.
        static double Expm1(double d)
        {
            var e = Math.Exp(d);
            return e == 1 ? d : (e - 1) * d / Math.Log(e);
        }
    }
}
