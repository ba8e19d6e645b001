using MathNet.Numerics.Integration;
using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// The predictive distribution of one customer's repeat purchases Y in (T, T + t]: P(Y = k | x, t_x, T) for k = 0, 1, …
/// (<c>docs/models.md</c>, "How sure the forecast is"). Both purchase models factor it as
/// P(Y = k | x, t_x, T) = P(alive) · P(Y = k | alive at T, x, T) + (1 − P(alive)) · δ_{k=0}:
/// a customer who is gone buys nothing, one who is alive buys as the model says from T on. The second factor depends on
/// (x, T, t) alone, so it is computed once per distinct (x, T) pair (<see cref="IfAlive"/>) and mixed per customer
/// (<see cref="Of"/>).
/// <list type="bullet">
/// <item>BG/NBD, in closed form. Given alive at T, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x), independent; from T on
/// the customer buys at rate λ and drops out with probability p after each purchase. With N ~ NB(r+x, q) the Poisson
/// count of (T, T+t] integrated over λ, q = (α+T)/(α+T+t):
/// P(Y = k | alive) = B(a, b+x+k)/B(a, b+x) · P(N = k) + δ_{k&gt;0} · B(a+1, b+x+k−1)/B(a, b+x) · P(N ≥ k)
/// (k purchases and still alive; or at least k purchase opportunities and gone after the k-th). This is Fader, Hardie
/// &amp; Lee's P(X(t) = x) (equation (8) of the paper, the note "Computing P(X(t) = x)") applied from T with the posterior
/// in place of the prior, and divided by the likelihood (6).</item>
/// <item>Pareto/NBD, by quadrature. Given alive at T, λ ~ Gamma(r+x, α+T) and the remaining lifetime τ is Lomax:
/// P(τ &gt; y) = ((β+T)/(β+T+y))^s. The purchases are NB(r+x, (α+T)/(α+T+min(τ, t))), so
/// P(Y = k | alive) = P(τ &gt; t) · NB_k(t) + ∫₀ᵗ NB_k(y) f_τ(y) dy, the integral over w = ln(1 + y/(β+T)), where
/// f_τ(y) dy = s e^(−s w) dw, by composite Gauss-Legendre (panels of width at most 1 in w, 32 points each). The closed
/// form of Fader &amp; Hardie's note on the conditional PMF of the Pareto/NBD is a difference of ₂F₁ terms that cancel
/// for large k; the integral has nothing to cancel.</item>
/// </list>
/// The probabilities are listed from k = 0 until the mass still to come is below 1e-13 (bounded by P(N ≥ k) at the
/// horizon, which Y never exceeds), at most <see cref="MaximumCount"/> terms.
/// </summary>
public sealed class PurchaseCountDistribution
{
    /// <summary>Mass below which the list stops: what remains beyond the last term is at most this.</summary>
    public const double TailCutoff = 1e-13;

    /// <summary>The longest list computed (a customer expected to buy hundreds of thousands of times is beyond any shop).</summary>
    public const int MaximumCount = 1_000_000;

    private readonly double[] _probabilities;

    private PurchaseCountDistribution(double[] probabilities) => _probabilities = probabilities;

    /// <summary>P(Y = k) for k = 0 … <see cref="Count"/> − 1.</summary>
    public IReadOnlyList<double> Probabilities => _probabilities;

    public int Count => _probabilities.Length;

    /// <summary>P(Y = k); 0 beyond the list.</summary>
    public double Probability(int k) => k >= 0 && k < _probabilities.Length ? _probabilities[k] : 0;

    /// <summary>P(Y ≥ k) = 1 − P(Y &lt; k).</summary>
    public double AtLeast(int k)
    {
        double below = 0;
        for (var j = 0; j < Math.Min(k, _probabilities.Length); j++) below += _probabilities[j];
        return Math.Max(0, 1 - below);
    }

    /// <summary>E[Y] = Σ k P(Y = k).</summary>
    public double Mean
    {
        get
        {
            double mean = 0;
            for (var k = 1; k < _probabilities.Length; k++) mean += k * _probabilities[k];
            return mean;
        }
    }

    /// <summary>E[Y²] = Σ k² P(Y = k).</summary>
    public double SecondMoment
    {
        get
        {
            double m2 = 0;
            for (var k = 1; k < _probabilities.Length; k++) m2 += (double)k * k * _probabilities[k];
            return m2;
        }
    }

    /// <summary>
    /// The level-quantile of the discrete distribution: the smallest k with P(Y ≤ k) ≥ level. So
    /// P(Y &lt; Quantile(0.1)) &lt; 0.1 and P(Y &gt; Quantile(0.9)) ≤ 0.1, and [Quantile(0.1), Quantile(0.9)] holds Y with
    /// probability at least 0.8 (more where the steps are large: a customer with P(Y = 0) = 0.95 has the interval [0, 0]).
    /// </summary>
    public int Quantile(double level) => Quantile(_probabilities, 1, level);

    /// <summary>The customer's distribution: P(alive) · <paramref name="ifAlive"/> + (1 − P(alive)) at k = 0.</summary>
    public static PurchaseCountDistribution Mix(PurchaseCountDistribution ifAlive, double probabilityAlive)
    {
        var p = new double[Math.Max(1, ifAlive.Count)];
        for (var k = 0; k < ifAlive.Count; k++) p[k] = probabilityAlive * ifAlive._probabilities[k];
        p[0] += 1 - probabilityAlive;
        return new PurchaseCountDistribution(p);
    }

    /// <summary>P(Y = k | x, t_x, T): <see cref="IfAlive"/> mixed with P(alive); null for a model without one.</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public static PurchaseCountDistribution? Of(IPurchaseModel model, int x, double tx, double age, double horizon) =>
        IfAlive(model, x, age, horizon) is { } alive ? Mix(alive, model.ProbabilityAlive(x, tx, age)) : null;

    /// <summary>
    /// P(Y = k | alive at T, x, T) for the BG/NBD (closed form) and the Pareto/NBD (quadrature); null for any other
    /// model (its predictive distribution is not implemented: no interval rather than a wrong one).
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public static PurchaseCountDistribution? IfAlive(IPurchaseModel model, int x, double age, double horizon) => model switch
    {
        BgNbdModel bg => new PurchaseCountDistribution(horizon <= 0 ? [1] : BgNbdIfAlive(bg, x, age, horizon)),
        ParetoNbdModel pareto => new PurchaseCountDistribution(horizon <= 0 ? [1] : ParetoNbdIfAlive(pareto, x, age, horizon)),
        MbgNbdModel mbg => new PurchaseCountDistribution(horizon <= 0 ? [1] : BgNbdIfAlive(AliveLikeBgNbd(mbg), x, age, horizon)),
        _ => null,
    };

    /// <summary>
    /// Alive at T, an MBG/NBD customer buys on as a BG/NBD one whose p has survived one more coin toss: the MBG/NBD tosses at
    /// the first purchase too, so after x repeat purchases p | alive is Beta(a, b + x + 1) where the BG/NBD's is
    /// Beta(a, b + x). Its future is the BG/NBD's with b + 1 (as <see cref="MbgNbdModel.ExpectedPurchasesIfAliveByIntegral"/> uses).
    /// </summary>
    private static BgNbdModel AliveLikeBgNbd(MbgNbdModel m) => new(m.R, m.Alpha, m.A, m.B + 1, m.Unit);

    /// <summary>Whether <see cref="IfAlive"/> knows the model's distribution.</summary>
    public static bool Supports(IPurchaseModel model) => model is BgNbdModel or ParetoNbdModel or MbgNbdModel;

    /// <summary>
    /// E[Y | alive] and E[Y² | alive] without listing the probabilities where a cheaper form exists (the Pareto/NBD:
    /// given the exposure y = min(τ, t), Y is negative binomial with E[Y | y] = c y and E[Y² | y] = c y + c (r+x+1)/(α+T) y²,
    /// c = (r+x)/(α+T), integrated over y with the same nodes as the probabilities); the BG/NBD sums its list. For the
    /// shop's totals, which need these two numbers per (x, T) pair and parameter draw. Null for an unsupported model.
    /// </summary>
    public static (double Mean, double SecondMoment)? MomentsIfAlive(IPurchaseModel model, int x, double age, double horizon)
    {
        if (!Supports(model)) return null;
        if (horizon <= 0) return (0, 0);
        switch (model)
        {
            case BgNbdModel bg:
                return BgNbdTerms(bg, x, age, horizon, null);
            case MbgNbdModel mbg:
                return BgNbdTerms(AliveLikeBgNbd(mbg), x, age, horizon, null);
            case ParetoNbdModel pareto:
                var c = (pareto.R + x) / (pareto.Alpha + age);
                var c2 = c * (pareto.R + x + 1) / (pareto.Alpha + age);
                double m1 = 0, m2 = 0;
                foreach (var (y, w) in LifetimeExposure(pareto, age, horizon))
                {
                    m1 += w * c * y;
                    m2 += w * (c * y + c2 * y * y);
                }
                return (m1, m2);
            default:
                return null;
        }
    }

    /// <summary>The smallest k with Σ_{j≤k} p_j ≥ level, where the list's probabilities are scaled by <paramref name="scale"/> and the rest of the mass, 1 − scale, sits at 0.</summary>
    internal static int Quantile(IReadOnlyList<double> probabilities, double scale, double level)
    {
        var cumulative = 1 - scale;
        for (var k = 0; k < probabilities.Count; k++)
        {
            cumulative += scale * probabilities[k];
            if (cumulative >= level - 1e-12) return k;
        }
        return Math.Max(0, probabilities.Count - 1);
    }

    /// <summary>
    /// BG/NBD, P(Y = k | alive) = β_k · NB_k + δ_{k&gt;0} · a/(a+b+x+k−1) · β_{k−1} · P(N ≥ k), with β_k = B(a, b+x+k)/B(a, b+x)
    /// = Π_{i&lt;k} (b+x+i)/(a+b+x+i) and NB_k = Γ(r+x+k)/(Γ(r+x) k!) q^(r+x) (1−q)^k, q = (α+T)/(α+T+t); each by recursion in k.
    /// </summary>
    private static double[] BgNbdIfAlive(BgNbdModel m, int x, double age, double horizon)
    {
        var p = new List<double>();
        BgNbdTerms(m, x, age, horizon, p);
        return [.. p];
    }

    /// <summary>The terms of <see cref="BgNbdIfAlive"/>, added to <paramref name="into"/> when given, and E[Y | alive], E[Y² | alive] summed as they come.</summary>
    private static (double Mean, double SecondMoment) BgNbdTerms(BgNbdModel m, int x, double age, double horizon, List<double>? into)
    {
        double shape = m.R + x, a = m.A, bx = m.B + x;
        var nb = new NegativeBinomial(shape, m.Alpha + age, horizon);
        into?.Add(nb.Current);
        double beta = 1, atLeast = 1 - nb.Current; // P(N ≥ 1)
        double mean = 0, second = 0;
        for (var k = 1; atLeast > TailCutoff && k < MaximumCount; k++)
        {
            var drop = a / (a + bx + k - 1) * beta; // B(a+1, b+x+k−1)/B(a, b+x)
            beta *= (bx + k - 1) / (a + bx + k - 1);
            nb.Next();
            var p = beta * nb.Current + drop * atLeast;
            into?.Add(p);
            mean += k * p;
            second += (double)k * k * p;
            atLeast = Math.Max(0, atLeast - nb.Current); // now P(N ≥ k+1)
        }
        return (mean, second);
    }

    /// <summary>Pareto/NBD, P(Y = k | alive) = Σ over the exposure nodes y of weight · NB_k(y): the negative binomial mixed over min(τ, t).</summary>
    private static double[] ParetoNbdIfAlive(ParetoNbdModel m, int x, double age, double horizon)
    {
        var nodes = LifetimeExposure(m, age, horizon);
        var shape = m.R + x;
        var counts = nodes.Select(n => new NegativeBinomial(shape, m.Alpha + age, n.Exposure)).ToArray();
        var atLeast = nodes.Select(_ => 1.0).ToArray();
        var p = new List<double>();
        for (var k = 0; k < MaximumCount; k++)
        {
            double pk = 0, tail = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                if (k > 0) counts[i].Next();
                pk += nodes[i].Weight * counts[i].Current;
                atLeast[i] = Math.Max(0, atLeast[i] - counts[i].Current);
                tail = Math.Max(tail, atLeast[i]);
            }
            p.Add(pk);
            if (tail <= TailCutoff) break;
        }
        return [.. p];
    }

    /// <summary>
    /// The distribution of the exposure min(τ, t) of a customer alive at T under the Pareto/NBD, as nodes and weights: the
    /// point y = t with weight P(τ &gt; t) = e^(−s L), L = ln(1 + t/(β+T)), and composite Gauss-Legendre nodes of
    /// ∫₀ᴸ s e^(−s w) dw at y = (β+T)(e^w − 1). The quadrature weights are scaled to sum to 1 − P(τ &gt; t) exactly.
    /// </summary>
    private static (double Exposure, double Weight)[] LifetimeExposure(ParetoNbdModel m, double age, double horizon)
    {
        var scale = m.Beta + age;
        var l = Precise.Log1P(horizon / scale);
        var survive = Math.Exp(-m.S * l);
        var panels = Math.Max(1, (int)Math.Ceiling(l));
        var nodes = new List<(double, double)>(panels * 32 + 1);
        double total = 0;
        for (var j = 0; j < panels; j++)
        {
            var rule = new GaussLegendreRule(l * j / panels, l * (j + 1) / panels, 32);
            for (var i = 0; i < rule.Order; i++)
            {
                var w = rule.Abscissas[i];
                var weight = rule.Weights[i] * m.S * Math.Exp(-m.S * w);
                nodes.Add((Math.Min(horizon, scale * Precise.Expm1(w)), weight));
                total += weight;
            }
        }
        var normalize = total > 0 ? (1 - survive) / total : 0;
        for (var i = 0; i < nodes.Count; i++) nodes[i] = (nodes[i].Item1, nodes[i].Item2 * normalize);
        nodes.Add((horizon, survive));
        return [.. nodes];
    }

    /// <summary>
    /// NB_k = Γ(shape+k)/(Γ(shape) k!) q^shape (1−q)^k with q = origin/(origin + exposure): the Poisson count over an
    /// exposure integrated over λ ~ Gamma(shape, origin), stepped through k by its ratio. Where q^shape would underflow
    /// (thousands of purchases), the terms are taken in logarithms until they are representable; past the mode they may
    /// underflow to 0, as they should.
    /// </summary>
    private sealed class NegativeBinomial
    {
        private readonly double _shape, _logQ, _logU, _u;
        private int _k;
        private bool _representable;

        public NegativeBinomial(double shape, double origin, double exposure)
        {
            _shape = shape;
            _logQ = -Precise.Log1P(exposure / origin);
            _u = exposure / (origin + exposure);
            _logU = Math.Log(_u);
            _k = 0;
            Current = Math.Exp(shape * _logQ);
            _representable = Current > 1e-280;
        }

        public double Current { get; private set; }

        public void Next()
        {
            _k++;
            if (_u <= 0)
            {
                Current = 0;
                return;
            }
            if (_representable) Current *= (_shape + _k - 1) / _k * _u;
            else
            {
                Current = Math.Exp(GammaLn(_shape + _k) - GammaLn(_shape) - GammaLn(_k + 1) + _shape * _logQ + _k * _logU);
                _representable = Current > 1e-280;
            }
        }
    }
}
