namespace Retention.Core.Models;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): while alive a customer buys at a Poisson rate λ,
/// λ ~ Gamma(r, α); their lifetime is exponential with rate μ, μ ~ Gamma(s, β), and may end at any time (not only
/// after a purchase, as in the BG/NBD). Time in <see cref="Unit"/>. The likelihood uses the numerically stable form of
/// Fader &amp; Hardie's note on the Pareto/NBD likelihood (<c>docs/models.md</c>, "Pareto/NBD").
/// </summary>
public sealed record ParetoNbdModel(double R, double Alpha, double S, double Beta, ModelTimeUnit Unit = ModelTimeUnit.Week) : IPurchaseModel
{
    public string Name => ModelNames.ParetoNbd;

    public IReadOnlyList<(string Name, double Value)> Parameters => [("r", R), ("alpha", Alpha), ("s", S), ("beta", Beta)];

    /// <summary>
    /// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ], by
    /// <see cref="ParetoNbdLikelihood"/>: the one implementation, the one <see cref="ParetoNbdFitter"/> maximizes.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double LogLikelihood(int x, double tx, double age) => new ParetoNbdLikelihood(this, x).LogLikelihood(x, tx, age);

    /// <summary>P(alive) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀).</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double ProbabilityAlive(int x, double tx, double age)
    {
        var logOdds = Math.Log(S) - Math.Log(R + S + x) + (R + x) * Math.Log(Alpha + age) + S * Math.Log(Beta + age) + LogA0(x, tx, age);
        return 1 / (1 + Math.Exp(logOdds));
    }

    /// <summary>E[repeat purchases in (T, T + t] | x, t_x, T] = P(alive) × <see cref="ExpectedPurchasesIfAlive"/>.</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public double ConditionalExpectedPurchases(int x, double tx, double age, double horizon) =>
        ProbabilityAlive(x, tx, age) * ExpectedPurchasesIfAlive(x, age, horizon);

    /// <summary>
    /// (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)], computed as (r+x)(β+T)/(α+T) · (−expm1(−(s−1)L))/(s−1)
    /// with L = ln(1 + t/(β+T)), whose limit at s = 1 is L.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public double ExpectedPurchasesIfAlive(int x, double age, double horizon)
    {
        if (horizon <= 0) return 0;
        var l = Precise.Log1P(horizon / (Beta + age));
        var h = Math.Abs(S - 1) < 1e-10 ? l : -Precise.Expm1(-(S - 1) * l) / (S - 1);
        return (R + x) * (Beta + age) / (Alpha + age) * h;
    }

    /// <summary>Not defined here: under the Pareto/NBD the next purchase races the end of the lifetime, which has no closed form.</summary>
    public double? MedianTimeToNextPurchase(int x, double tx, double age) => null;

    /// <summary>
    /// ln A₀ with A₀ = F(t_x)/(m+t_x)^(r+s+x) − F(T)/(m+T)^(r+s+x), where for α ≥ β: m = α, F(y) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+y));
    /// for α &lt; β: m = β, F(y) = ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+y)). Choosing the larger of α, β keeps the argument in
    /// [0, 1); the difference of the two terms, both positive and the first the larger, is taken in logarithms
    /// (ln u + ln(−expm1(ln v − ln u))), so it neither overflows nor loses the small difference when t_x is close to T.
    /// −∞ when t_x = T (A₀ = 0).
    /// </summary>
    internal double LogA0(int x, double tx, double age) => tx >= age ? double.NegativeInfinity : LogA0(LogA0Term(x, tx), LogA0Term(x, age));

    /// <summary>ln A₀ from its two terms ln u = <see cref="LogA0Term"/>(x, t_x) and ln v = <see cref="LogA0Term"/>(x, T).</summary>
    internal static double LogA0(double logU, double logV)
    {
        var gap = logV - logU;
        return gap >= 0 ? double.NegativeInfinity : logU + Math.Log(-Precise.Expm1(gap));
    }

    /// <summary>
    /// ln F(y) − (r+s+x) ln(m+y): one term of A₀, which depends on x and one time only. It is ln((r+s+x) · I(y)) with
    /// I(y) = ∫_y^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, computed by <see cref="ParetoNbdLikelihood.Tail"/>, the same terms the
    /// likelihood and its gradient use.
    /// </summary>
    internal double LogA0Term(int x, double y) => Math.Log(R + S + x) + ParetoNbdLikelihood.Tail.Of(this, x, y, gradient: false).Log;
}
