using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Retention.Core.Models;

/// <summary>Every customer's 80 % interval for their repeat purchases over a horizon, in the order of the summaries.</summary>
/// <param name="Low">The 10th percentile of P(Y = k | x, t_x, T): the smallest k with P(Y ≤ k) ≥ 0.1.</param>
/// <param name="High">The 90th percentile: the smallest k with P(Y ≤ k) ≥ 0.9.</param>
public sealed record CustomerPurchaseIntervals(double Horizon, int[] Low, int[] High);

/// <summary>One line of the shop's forecast: what its customers of today will buy over the next <see cref="HorizonDays"/> days.</summary>
/// <param name="Measure"><c>purchases</c> (repeat purchase days) or <c>revenue</c> (their spend, Gamma-Gamma).</param>
/// <param name="Predicted">The expectation at the estimates: the sum of the customers' own expectations.</param>
/// <param name="Low">The 10th percentile of the predictive distribution of the total (parameters and customers uncertain).</param>
/// <param name="High">Its 90th percentile.</param>
public sealed record ShopForecastLine(string Measure, int HorizonDays, double Predicted, double Low, double High);

/// <summary>The shop's totals with their 80 % intervals (<c>docs/models.md</c>, "How sure the forecast is").</summary>
/// <param name="Draws">Parameter vectors drawn from the estimates' asymptotic normal; 0 when the fit has no covariance, and
/// then the intervals hold the customers' randomness only (<see cref="Note"/> says so).</param>
public sealed record ShopForecast(string Model, int Draws, string Note, IReadOnlyList<ShopForecastLine> Lines)
{
    public bool IncludesParameterUncertainty => Draws > 0;

    /// <summary>Each horizon with its purchases and revenue lines (revenue null without a spend model).</summary>
    public static IReadOnlyList<(int Days, ShopForecastLine? Purchases, ShopForecastLine? Revenue)> Horizons(ShopForecast shop) =>
        [.. shop.Lines.Select(l => l.HorizonDays).Distinct().Select(d => (d,
            shop.Lines.FirstOrDefault(l => l.HorizonDays == d && l.Measure == "purchases"),
            shop.Lines.FirstOrDefault(l => l.HorizonDays == d && l.Measure == "revenue")))];
}

/// <summary>
/// How sure the forecast is (<c>docs/models.md</c>, "How sure the forecast is"): per customer, the 10th and 90th percentiles
/// of their predictive distribution of purchases (<see cref="PurchaseCountDistribution"/>); for the shop, the total
/// purchases and revenue over a horizon with an 80 % interval that holds both the customers' own randomness and the
/// uncertainty of the estimated parameters.
/// <para>
/// The shop's totals: for parameters θ, customers are independent, so the total S = Σᵢ Yᵢ has mean Σᵢ E[Yᵢ | θ] and variance
/// Σᵢ Var[Yᵢ | θ], both from each customer's distribution (E[Yᵢ] = P(alive)·E[Y | alive], E[Yᵢ²] = P(alive)·E[Y² | alive]);
/// with thousands of customers S given θ is close to normal. The parameters are drawn <see cref="DrawsFor"/> times (200 up to 100,000 customers) from
/// the asymptotic normal of the estimate in log-parameters, N(ln θ̂, (−H)⁻¹) (the covariance the standard errors come
/// from), and S's predictive distribution is the equal mixture of the normals N(mean(θⱼ), variance(θⱼ)); its 10th and 90th
/// percentiles, found by bisection, are the interval. Revenue likewise, with each customer's spend: Rᵢ = the sum of Yᵢ
/// purchases of Gamma(p, νᵢ), νᵢ | x, z̄ ~ Gamma(q + p x, γ + x z̄), independent of Yᵢ, so E[Rᵢ] = E[Yᵢ] p E[1/νᵢ] and
/// E[Rᵢ²] = (E[Yᵢ] p + E[Yᵢ²] p²) E[1/νᵢ²]; the Gamma-Gamma parameters are drawn from their own fit's normal
/// (independently of the purchase model's: the two are fitted separately). A drawn q ≤ 2 (infinite variance of spend)
/// is drawn again. The draws are seeded, so a night's figures are reproducible.
/// </para>
/// </summary>
public static class ForecastIntervals
{
    public const double LowLevel = 0.1;
    public const double HighLevel = 0.9;
    public const int DefaultDraws = 200;
    public const int DefaultSeed = 20_050_701;

    /// <summary>
    /// Parameter draws for a shop of this many customers: <see cref="DefaultDraws"/> up to 100,000 customers, fewer beyond
    /// (200 × 100,000 / customers, at least <see cref="MinimumDraws"/>), since each draw costs a pass over every customer
    /// (about 0.2 s a draw at a million here) while a large shop's parameters are the better determined.
    /// </summary>
    public static int DrawsFor(int customers) =>
        customers <= 100_000 ? DefaultDraws : Math.Max(MinimumDraws, (int)(DefaultDraws * 100_000L / customers));

    public const int MinimumDraws = 25;

    /// <summary>Pairs or triples a block of work on one core.</summary>
    private const int BlockSize = 16_384;

    /// <summary>The shop's horizons in days, as the customers' expected purchases.</summary>
    public static IReadOnlyList<int> ShopHorizonDays { get; } = [30, 90, 365];

    /// <summary>Each customer's 10th and 90th percentiles of purchases over <paramref name="horizon"/> (in the model's unit); null for a model without a distribution.</summary>
    public static CustomerPurchaseIntervals? ForCustomers(IPurchaseModel model, CustomerSummaries customers, double horizon)
    {
        var triples = customers.Compress();
        if (ForTriples(model, triples, horizon) is not var (low, high)) return null;
        var n = customers.Count;
        var lows = new int[n];
        var highs = new int[n];
        for (var i = 0; i < n; i++)
        {
            lows[i] = low[triples.TripleOfCustomer[i]];
            highs[i] = high[triples.TripleOfCustomer[i]];
        }
        return new CustomerPurchaseIntervals(horizon, lows, highs);
    }

    /// <summary>The percentiles of <see cref="ForCustomers"/> once per distinct (x, t_x, T) triple, which is all they depend on.</summary>
    internal static (int[] Low, int[] High)? ForTriples(IPurchaseModel model, SummaryTriples triples, double horizon)
    {
        if (!PurchaseCountDistribution.Supports(model)) return null;
        var pairs = new Dictionary<(int, double), PurchaseCountDistribution>();
        var low = new int[triples.Count];
        var high = new int[triples.Count];
        for (var k = 0; k < triples.Count; k++)
        {
            var key = (triples.X[k], triples.T[k]);
            if (!pairs.TryGetValue(key, out var ifAlive))
                pairs.Add(key, ifAlive = PurchaseCountDistribution.IfAlive(model, triples.X[k], triples.T[k], horizon)!);
            var alive = model.ProbabilityAlive(triples.X[k], triples.Tx[k], triples.T[k]);
            low[k] = PurchaseCountDistribution.Quantile(ifAlive.Probabilities, alive, LowLevel);
            high[k] = PurchaseCountDistribution.Quantile(ifAlive.Probabilities, alive, HighLevel);
        }
        return (low, high);
    }

    /// <summary>
    /// The shop's purchases (and revenue, with a spend model) over each horizon in days, with 80 % intervals; null for a
    /// model without a distribution.
    /// </summary>
    /// <param name="covariance">The purchase model's <see cref="ModelFit{TModel}.LogParameterCovariance"/>; null: no parameter uncertainty.</param>
    /// <param name="spendCovariance">Likewise for the spend model.</param>
    public static ShopForecast? ForShop(IPurchaseModel model, double[,]? covariance, GammaGammaModel? spend, double[,]? spendCovariance,
        CustomerSummaries customers, IReadOnlyList<int>? horizonDays = null, int? draws = null, int seed = DefaultSeed)
    {
        if (!PurchaseCountDistribution.Supports(model)) return null;
        draws ??= DrawsFor(customers.Count);
        horizonDays ??= ShopHorizonDays;
        // The spend's variance per purchase is finite only for q > 2; below that no revenue interval can be given.
        var spendNote = spend is { Q: <= 2 } ? "; no revenue: the spend model's q <= 2 makes the variance of spend infinite" : "";
        if (spend is { Q: <= 2 }) spend = null;
        var random = new Random(seed);
        var purchaseDraws = Draw(model.Parameters.Select(p => p.Value).ToArray(), covariance, draws.Value, random, _ => true);
        var spendDraws = spend is null ? null
            : Draw([spend.P, spend.Q, spend.Gamma], spendCovariance, purchaseDraws.Count - 1, random, theta => theta[1] > 2);
        var parameterDraws = purchaseDraws.Count - 1;
        var triples = customers.Compress();
        // The distinct (x, T) pairs, found once: each draw computes the moments given alive once per pair and horizon.
        var pairIndex = new Dictionary<(int, double), int>();
        var pairOf = new int[triples.Count];
        var pairs = new List<(int X, double T)>();
        for (var k = 0; k < triples.Count; k++)
        {
            if (!pairIndex.TryGetValue((triples.X[k], triples.T[k]), out var pair))
            {
                pairIndex.Add((triples.X[k], triples.T[k]), pair = pairs.Count);
                pairs.Add((triples.X[k], triples.T[k]));
            }
            pairOf[k] = pair;
        }
        var horizons = horizonDays.Select(days => days / model.Unit.DaysPer()).ToArray();

        // Index 0 is the estimate itself: its mean is the prediction; the draws after it make the interval.
        var purchases = new (double Mean, double Variance)[horizons.Length][];
        var spendTotals = new (double Mean, double Variance)[horizons.Length][];
        for (var h = 0; h < horizons.Length; h++)
        {
            purchases[h] = new (double, double)[purchaseDraws.Count];
            spendTotals[h] = new (double, double)[purchaseDraws.Count];
        }
        var alive = new double[triples.Count];
        var ifAlive = new (double Mean, double SecondMoment)[pairs.Count, horizons.Length];
        var moments = new (double Mean, double SecondMoment)[horizons.Length][];
        for (var h = 0; h < horizons.Length; h++) moments[h] = new (double, double)[triples.Count];
        for (var j = 0; j < purchaseDraws.Count; j++)
        {
            var drawn = WithParameters(model, purchaseDraws[j]);
            // Each pair's and each triple's terms on the machine's cores (each written once, to its own index); the sums below
            // stay in triple order, so the totals are the same to the last bit as one core's. At 20,000,000 orders (2.3 million
            // triples, 25 draws) these two loops were most of the 8.6 s the shop's intervals took.
            new FixedBlocks(pairs.Count, BlockSize).Each(p =>
            {
                for (var h = 0; h < horizons.Length; h++)
                    ifAlive[p, h] = PurchaseCountDistribution.MomentsIfAlive(drawn, pairs[p].X, pairs[p].T, horizons[h])!.Value;
            });
            new FixedBlocks(triples.Count, BlockSize).Each(k => alive[k] = drawn.ProbabilityAlive(triples.X[k], triples.Tx[k], triples.T[k]));
            for (var h = 0; h < horizons.Length; h++)
            {
                double mean = 0, variance = 0;
                for (var k = 0; k < triples.Count; k++)
                {
                    var (m1, m2) = ifAlive[pairOf[k], h];
                    (m1, m2) = (alive[k] * m1, alive[k] * m2);
                    moments[h][k] = (m1, m2);
                    mean += triples.Weight[k] * m1;
                    variance += triples.Weight[k] * Math.Max(0, m2 - m1 * m1);
                }
                purchases[h][j] = (mean, variance);
            }
            if (spendDraws is not null)
            {
                var theta = spendDraws[j < spendDraws.Count ? j : 0]; // without a spend covariance, its estimate throughout
                Revenue(new GammaGammaModel(theta[0], theta[1], theta[2]), customers, triples, moments, spendTotals, j);
            }
        }

        // A draw whose totals are not finite (a formula's function failing at extreme parameters) is left out of the
        // mixture rather than making the interval NaN; the note counts the draws that made it.
        bool Finite((double Mean, double Variance) t) => double.IsFinite(t.Mean) && double.IsFinite(t.Variance);
        var kept = Enumerable.Range(0, purchaseDraws.Count)
            .Where(j => j == 0 || Enumerable.Range(0, horizons.Length).All(h => Finite(purchases[h][j]) && (spendDraws is null || Finite(spendTotals[h][j]))))
            .ToArray();
        for (var h = 0; h < horizons.Length; h++)
        {
            purchases[h] = [.. kept.Select(j => purchases[h][j])];
            spendTotals[h] = [.. kept.Select(j => spendTotals[h][j])];
        }
        parameterDraws = kept.Length - 1;

        var lines = new List<ShopForecastLine>();
        var revenue = new List<ShopForecastLine>();
        for (var h = 0; h < horizons.Length; h++)
        {
            var (low, high) = Interval(purchases[h], parameterDraws);
            lines.Add(new ShopForecastLine("purchases", horizonDays[h], purchases[h][0].Mean, low, high));
            if (spendDraws is null) continue;
            var (rLow, rHigh) = Interval(spendTotals[h], parameterDraws);
            revenue.Add(new ShopForecastLine("revenue", horizonDays[h], spendTotals[h][0].Mean, rLow, rHigh));
        }
        var c = CultureInfo.InvariantCulture;
        var note = parameterDraws == 0
            ? "the purchase model has no usable covariance (its standard errors are null): the intervals hold the customers' randomness only, not the parameters' uncertainty"
            : spend is not null && spendCovariance is null
                ? string.Create(c, $"{parameterDraws} parameter draws of the purchase model; the spend model has no covariance, so its parameters are taken as known")
                : string.Create(c, $"{parameterDraws} parameter draws from the estimates' asymptotic normal, and the customers' own randomness");
        return new ShopForecast(model.Name, parameterDraws, note + spendNote, [.. lines, .. revenue]);
    }

    /// <summary>The point estimate first, then <paramref name="draws"/> vectors exp(ln θ̂ + L z), L the Cholesky factor of the covariance; none without one.</summary>
    private static List<double[]> Draw(double[] estimate, double[,]? covariance, int draws, Random random, Func<double[], bool> acceptable)
    {
        var result = new List<double[]> { estimate };
        if (covariance is null || draws <= 0) return result;
        var n = estimate.Length;
        Matrix<double> factor;
        try
        {
            factor = Matrix<double>.Build.DenseOfArray(covariance).Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            return result;
        }
        var z = new double[n];
        for (var attempts = 0; result.Count <= draws && attempts < 100 * draws; attempts++)
        {
            for (var i = 0; i < n; i++) z[i] = Normal.Sample(random, 0, 1);
            var theta = new double[n];
            for (var i = 0; i < n; i++)
            {
                double shift = 0;
                for (var j = 0; j <= i; j++) shift += factor[i, j] * z[j];
                theta[i] = estimate[i] * Math.Exp(shift);
            }
            // A draw beyond the fitter's own limit is no estimate it would accept (ln θ within ±18); exp of a wider one
            // overflows or makes the formulas' functions fail (a BG/NBD whose a and b run off together, in the millions,
            // has a log-variance in the hundreds along that ridge): draw again.
            if (theta.All(t => double.IsFinite(t) && Math.Abs(Math.Log(t)) <= MaximumLikelihood.LogParameterLimit) && acceptable(theta))
                result.Add(theta);
        }
        return result;
    }

    private static IPurchaseModel WithParameters(IPurchaseModel model, double[] theta) => model switch
    {
        BgNbdModel bg => bg with { R = theta[0], Alpha = theta[1], A = theta[2], B = theta[3] },
        ParetoNbdModel pareto => pareto with { R = theta[0], Alpha = theta[1], S = theta[2], Beta = theta[3] },
        MbgNbdModel mbg => mbg with { R = theta[0], Alpha = theta[1], A = theta[2], B = theta[3] },
        _ => throw new ArgumentException($"no parameter draws for {model.Name}"),
    };

    /// <summary>Per horizon, Σᵢ E[Rᵢ] and Σᵢ Var[Rᵢ] into <paramref name="totals"/>[h][draw], Rᵢ the spend of customer i's purchases (see the class's remarks).</summary>
    private static void Revenue(GammaGammaModel spend, CustomerSummaries customers, SummaryTriples triples,
        (double Mean, double SecondMoment)[][] moments, (double Mean, double Variance)[][] totals, int draw)
    {
        var horizons = moments.Length;
        Span<double> mean = stackalloc double[horizons];
        Span<double> variance = stackalloc double[horizons];
        for (var i = 0; i < customers.Count; i++)
        {
            var k = triples.TripleOfCustomer[i];
            var x = customers.Frequency[i];
            var rate = spend.Gamma + x * Math.Max(0, customers.Monetary[i]);
            var shape = spend.Q + spend.P * x;
            var inverse = spend.P * rate / (shape - 1);                               // p E[1/ν]
            var inverseSquare = rate * rate / ((shape - 1) * (shape - 2));            // E[1/ν²]
            for (var h = 0; h < horizons; h++)
            {
                var (m1, m2) = moments[h][k];
                var r1 = m1 * inverse;
                var r2 = (m1 * spend.P + m2 * spend.P * spend.P) * inverseSquare;
                mean[h] += r1;
                variance[h] += Math.Max(0, r2 - r1 * r1);
            }
        }
        for (var h = 0; h < horizons; h++) totals[h][draw] = (mean[h], variance[h]);
    }

    /// <summary>
    /// The 10th and 90th percentiles of the equal mixture of N(meanⱼ, varianceⱼ) over the draws (index 1 on), or of the
    /// estimate's normal alone without draws; never below 0.
    /// </summary>
    private static (double Low, double High) Interval((double Mean, double Variance)[] totals, int draws)
    {
        var parts = draws > 0 ? totals[1..] : totals[..1];
        double Cdf(double s)
        {
            double sum = 0;
            foreach (var (mean, variance) in parts)
                sum += variance > 0 ? Normal.CDF(mean, Math.Sqrt(variance), s) : s >= mean ? 1 : 0;
            return sum / parts.Length;
        }
        double Quantile(double level)
        {
            var spread = parts.Max(p => Math.Sqrt(p.Variance));
            double lo = parts.Min(p => p.Mean) - 10 * spread - 1, hi = parts.Max(p => p.Mean) + 10 * spread + 1;
            for (var i = 0; i < 200 && hi - lo > 1e-9 * Math.Max(1, Math.Abs(hi)); i++)
            {
                var mid = (lo + hi) / 2;
                if (Cdf(mid) < level) lo = mid;
                else hi = mid;
            }
            return Math.Max(0, (lo + hi) / 2);
        }
        return (Quantile(LowLevel), Quantile(HighLevel));
    }
}
