using Retention.Core.Models;
using Xunit.Abstractions;
using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Tests.Models;

/// <summary>
/// P(Y = k | x, t_x, T) (<see cref="PurchaseCountDistribution"/>): on every CDNOW customer it sums to 1 and its mean is the
/// model's conditional expectation; the BG/NBD's equals the paper's unconditional P(X(t) = x) for a new customer and an
/// independent closed form for everyone; the Pareto/NBD's quadrature equals the closed form of Fader &amp; Hardie's note.
/// </summary>
public class PurchaseCountDistributionTests(ITestOutputHelper output)
{
    public static readonly BgNbdModel PublishedBgNbd = new(0.2425945, 4.4136019, 0.7929199, 2.4258881);
    public static readonly ParetoNbdModel PublishedParetoNbd = new(0.5534, 10.5802, 0.6061, 11.6562);

    /// <summary>The MBG/NBD's CDNOW estimates (lifetimes' test of its ModifiedBetaGeoFitter, as in MbgNbdTests).</summary>
    public static readonly MbgNbdModel PublishedMbgNbd = new(0.525, 6.183, 0.891, 1.614);

    public static TheoryData<string, double> ModelsAndHorizons => new()
    {
        { ModelNames.BgNbd, 39 }, { ModelNames.BgNbd, 52.18 }, { ModelNames.BgNbd, 4.3 },
        { ModelNames.ParetoNbd, 39 }, { ModelNames.ParetoNbd, 52.18 }, { ModelNames.ParetoNbd, 4.3 },
        // The MBG/NBD's distribution is the BG/NBD's with b + 1 once alive: its mean must still be the MBG/NBD's own closed form.
        { ModelNames.MbgNbd, 39 }, { ModelNames.MbgNbd, 52.18 }, { ModelNames.MbgNbd, 4.3 },
    };

    private static IPurchaseModel Model(string name) => name switch
    {
        ModelNames.BgNbd => PublishedBgNbd,
        ModelNames.MbgNbd => PublishedMbgNbd,
        _ => PublishedParetoNbd,
    };

    [Theory]
    [MemberData(nameof(ModelsAndHorizons))]
    public void On_every_cdnow_customer_it_sums_to_one_and_its_mean_is_the_conditional_expectation(string name, double horizon)
    {
        var model = Model(name);
        var triples = CdnowSample.Summaries.Compress();
        double worstSum = 0, worstMean = 0;
        for (var k = 0; k < triples.Count; k++)
        {
            int x = triples.X[k];
            double tx = triples.Tx[k], age = triples.T[k];
            var d = PurchaseCountDistribution.Of(model, x, tx, age, horizon)!;
            Assert.All(d.Probabilities, p => Assert.True(p >= 0, $"a negative probability for x {x}, T {age}"));
            var sum = d.Probabilities.Sum();
            var expected = model.ConditionalExpectedPurchases(x, tx, age, horizon);
            worstSum = Math.Max(worstSum, Math.Abs(sum - 1));
            worstMean = Math.Max(worstMean, Math.Abs(d.Mean - expected) / Math.Max(1, expected));
            Assert.True(Math.Abs(sum - 1) <= 1e-9, $"x {x}, t_x {tx}, T {age}: sums to {sum}");
            Assert.True(Math.Abs(d.Mean - expected) <= 1e-6 * Math.Max(1, expected), $"x {x}, t_x {tx}, T {age}: mean {d.Mean}, E[Y] {expected}");
            var moments = PurchaseCountDistribution.MomentsIfAlive(model, x, age, horizon)!.Value;
            var ifAlive = PurchaseCountDistribution.IfAlive(model, x, age, horizon)!;
            Assert.True(Math.Abs(moments.Mean - ifAlive.Mean) <= 1e-6 * Math.Max(1, ifAlive.Mean));
            Assert.True(Math.Abs(moments.SecondMoment - ifAlive.SecondMoment) <= 1e-6 * Math.Max(1, ifAlive.SecondMoment));
        }
        output.WriteLine($"{name}, t = {horizon}: {triples.Count} triples; largest |sum − 1| {worstSum:E2}, largest relative mean error {worstMean:E2}");
    }

    /// <summary>
    /// Fader, Hardie &amp; Lee (2005), equation (8): for a customer just acquired (x = 0, T = 0, alive),
    /// P(X(t) = x) = B(a, b+x)/B(a, b) · Γ(r+x)/(Γ(r) x!) · (α/(α+t))^r (t/(α+t))^x
    ///   + δ_{x&gt;0} B(a+1, b+x−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j&lt;x} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
    /// </summary>
    [Fact]
    public void Bgnbd_for_a_new_customer_is_the_papers_unconditional_distribution()
    {
        var (m, t) = (PublishedBgNbd, 52.0);
        var d = PurchaseCountDistribution.Of(m, 0, 0, 0, t)!;
        for (var x = 0; x <= 12; x++)
        {
            var nb = Math.Exp(GammaLn(m.R + x) - GammaLn(m.R) - GammaLn(x + 1) + m.R * Math.Log(m.Alpha / (m.Alpha + t)) + x * Math.Log(t / (m.Alpha + t)));
            var expected = Math.Exp(BetaLn(m.A, m.B + x) - BetaLn(m.A, m.B)) * nb;
            if (x > 0)
            {
                double below = 0;
                for (var j = 0; j < x; j++)
                    below += Math.Exp(GammaLn(m.R + j) - GammaLn(m.R) - GammaLn(j + 1) + m.R * Math.Log(m.Alpha / (m.Alpha + t)) + j * Math.Log(t / (m.Alpha + t)));
                expected += Math.Exp(BetaLn(m.A + 1, m.B + x - 1) - BetaLn(m.A, m.B)) * (1 - below);
            }
            Assert.Equal(expected, d.Probability(x), 12);
        }
    }

    /// <summary>
    /// The BG/NBD's conditional P(Y = k | x, t_x, T) for every CDNOW customer against the same derivation written
    /// independently, in logarithms from the papers' terms: the joint probability of the summary and k future purchases,
    /// over the likelihood (6).
    /// </summary>
    [Fact]
    public void Bgnbd_conditional_probabilities_equal_an_independent_closed_form()
    {
        var m = PublishedBgNbd;
        const double t = 39;
        var customers = CdnowSample.Summaries;
        for (var i = 0; i < customers.Count; i += 7)
        {
            var c = customers[i];
            var d = PurchaseCountDistribution.Of(m, c.Frequency, c.Recency, c.Age, t)!;
            for (var k = 0; k <= 8; k++)
                Assert.True(Math.Abs(BgNbdConditional(m, c.Frequency, c.Recency, c.Age, t, k) - d.Probability(k)) < 1e-10, $"customer {c.CustomerKey}, k {k}");
        }
    }

    /// <summary>
    /// P(Y = k, x, t_x, T) / L(x, t_x, T), from ∫∫ over λ ~ Gamma(r, α), p ~ Beta(a, b) of
    /// (1−p)^x λ^x e^(−λT) · P(k in (T, T+t] | λ, p) + δ_{k=0} δ_{x&gt;0} p(1−p)^(x−1) λ^x e^(−λ t_x).
    /// </summary>
    public static double BgNbdConditional(BgNbdModel m, int x, double tx, double age, double t, int k)
    {
        double r = m.R, alpha = m.Alpha, a = m.A, b = m.B;
        double LogGammaTerm(int n, double time) => GammaLn(r + n) - GammaLn(r) + r * Math.Log(alpha) - (r + n) * Math.Log(alpha + time);
        var logL = Math.Log(Math.Exp(BetaLn(a, b + x) - BetaLn(a, b) + LogGammaTerm(x, age))
            + (x > 0 ? Math.Exp(BetaLn(a + 1, b + x - 1) - BetaLn(a, b) + LogGammaTerm(x, tx)) : 0));
        // Alive at T, k purchases in (T, T+t] and alive after the last of them.
        var stay = Math.Exp(BetaLn(a, b + x + k) - BetaLn(a, b) + k * Math.Log(t) - GammaLn(k + 1) + LogGammaTerm(x + k, age + t) - logL);
        double drop = 0;
        if (k > 0)
        {
            // Alive at T, and dropping out just after the k-th purchase of (T, T+t]: at least k Poisson events.
            var all = Math.Exp(LogGammaTerm(x, age));
            double fewer = 0;
            for (var j = 0; j < k; j++) fewer += Math.Exp(j * Math.Log(t) - GammaLn(j + 1) + LogGammaTerm(x + j, age + t));
            drop = Math.Exp(BetaLn(a + 1, b + x + k - 1) - BetaLn(a, b) - logL) * (all - fewer);
        }
        var dead = k == 0 && x > 0 ? Math.Exp(BetaLn(a + 1, b + x - 1) - BetaLn(a, b) + LogGammaTerm(x, tx) - logL) : 0;
        return stay + drop + dead;
    }

    /// <summary>
    /// The Pareto/NBD's quadrature against the closed form of Fader &amp; Hardie's note "Deriving the conditional PMF of the
    /// Pareto/NBD model" (equation (16), as in the lifetimes package), on CDNOW customers, k = 0 … 6.
    /// </summary>
    [Fact]
    public void Pareto_nbd_quadrature_equals_the_closed_form_of_the_note()
    {
        var m = PublishedParetoNbd;
        const double t = 39;
        var customers = CdnowSample.Summaries;
        double worst = 0;
        for (var i = 0; i < customers.Count; i += 11)
        {
            var c = customers[i];
            var d = PurchaseCountDistribution.Of(m, c.Frequency, c.Recency, c.Age, t)!;
            for (var k = 0; k <= 6; k++)
            {
                var closed = ParetoNbdConditional(m, c.Frequency, c.Recency, c.Age, t, k);
                worst = Math.Max(worst, Math.Abs(closed - d.Probability(k)));
                Assert.True(Math.Abs(closed - d.Probability(k)) < 1e-8, $"customer {c.CustomerKey} (x {c.Frequency}), k {k}: closed {closed}, quadrature {d.Probability(k)}");
            }
        }
        output.WriteLine($"largest difference {worst:E2}");
    }

    public static double ParetoNbdConditional(ParetoNbdModel m, int x, double tx, double age, double t, int n)
    {
        double r = m.R, alpha = m.Alpha, s = m.S, beta = m.Beta;
        var logL = m.LogLikelihood(x, tx, age);
        var (max, second) = alpha < beta ? (beta, r + x + n) : (alpha, s + 1);
        var gap = Math.Abs(alpha - beta);
        var common = r * Math.Log(alpha) + s * Math.Log(beta) - GammaLn(r);
        var alive = Math.Exp(GammaLn(r + x) + common - (r + x) * Math.Log(alpha + age) - s * Math.Log(beta + age) - logL);
        var one = n * Math.Log(t) - GammaLn(n + 1) + GammaLn(r + x + n) + common - (r + x + n) * Math.Log(alpha + age + t) - s * Math.Log(beta + age + t) - logL;
        var two = common + GammaLn(r + s + x) + BetaLn(r + x + n, s + 1) - GammaLn(s)
            + Math.Log(Hypergeometric2F1.Value(r + s + x, second, r + s + x + n + 1, gap / (max + age))) - (r + s + x) * Math.Log(max + age) - logL;
        double three = 0;
        for (var i = 0; i <= n; i++)
            three += Math.Exp(i * Math.Log(t) - GammaLn(i + 1) + common + GammaLn(r + s + x + i) + BetaLn(r + x + n, s + 1) - GammaLn(s)
                + Math.Log(Hypergeometric2F1.Value(r + s + x + i, second, r + s + x + n + 1, gap / (max + age + t)))
                - (r + s + x + i) * Math.Log(max + age + t) - logL);
        return (n == 0 ? 1 - alive : 0) + Math.Exp(one) + Math.Exp(two) - three;
    }

    [Fact]
    public void Quantiles_are_the_smallest_counts_whose_cumulative_probability_reaches_the_level()
    {
        var d = PurchaseCountDistribution.Of(PublishedBgNbd, 3, 30, 38, 52)!;
        foreach (var level in new[] { 0.1, 0.5, 0.9 })
        {
            var q = d.Quantile(level);
            Assert.True(d.Probabilities.Take(q + 1).Sum() >= level);
            if (q > 0) Assert.True(d.Probabilities.Take(q).Sum() < level);
        }
        // A customer long silent: almost surely no purchase, so the interval is [0, 0] though the expectation is positive.
        var silent = PurchaseCountDistribution.Of(PublishedBgNbd, 5, 5, 38.86, 52)!;
        Assert.Equal((0, 0), (silent.Quantile(0.1), silent.Quantile(0.9)));
        Assert.True(silent.Mean > 0);
        Assert.Null(PurchaseCountDistribution.Of(new OtherModel(), 0, 0, 1, 1));
    }

    private sealed class OtherModel : IPurchaseModel
    {
        public string Name => "other";
        public ModelTimeUnit Unit => ModelTimeUnit.Week;
        public IReadOnlyList<(string Name, double Value)> Parameters => [];
        public double LogLikelihood(int x, double tx, double age) => 0;
        public double ProbabilityAlive(int x, double tx, double age) => 1;
        public double ExpectedPurchasesIfAlive(int x, double age, double horizon) => 0;
        public double ConditionalExpectedPurchases(int x, double tx, double age, double horizon) => 0;
        public double? MedianTimeToNextPurchase(int x, double tx, double age) => null;
    }
}
