using MathNet.Numerics.Integration;
using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while alive, a customer buys
/// at a Poisson rate λ, λ ~ Gamma(r, α) across customers; after each purchase they drop out with probability p,
/// p ~ Beta(a, b). Time in <see cref="Unit"/>; α is in that unit. The formulas are in <c>docs/models.md</c>.
/// </summary>
public sealed record BgNbdModel(double R, double Alpha, double A, double B, ModelTimeUnit Unit = ModelTimeUnit.Week) : IPurchaseModel
{
    public string Name => ModelNames.BgNbd;

    public IReadOnlyList<(string Name, double Value)> Parameters => [("r", R), ("alpha", Alpha), ("a", A), ("b", B)];

    /// <summary>
    /// ln L(r, α, a, b | x, t_x, T), equation (6) of Fader, Hardie &amp; Lee (2005), by <see cref="BgNbdLikelihood"/>: the
    /// one implementation, the one <see cref="BgNbdFitter"/> maximizes.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double LogLikelihood(int x, double tx, double age) => new BgNbdLikelihood(this, x).LogLikelihood(x, tx, age, Span<double>.Empty);

    /// <summary>
    /// P(alive) = 1 / (1 + δ_{x&gt;0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), A₃ / (A₃ + δ_{x&gt;0} A₄) in the terms of
    /// <see cref="BgNbdLikelihood"/>: 1 for a customer without repeat purchases.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double ProbabilityAlive(int x, double tx, double age) => x == 0 ? 1 : 1 / (1 + Math.Exp(LogOddsDead(x, tx, age)));

    /// <summary>E[repeat purchases in (T, T + t] | x, t_x, T] = P(alive) × <see cref="ExpectedPurchasesIfAlive"/>.</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public double ConditionalExpectedPurchases(int x, double tx, double age, double horizon) =>
        ProbabilityAlive(x, tx, age) * ExpectedPurchasesIfAlive(x, age, horizon);

    /// <summary>
    /// ((a+b+x−1)/(a−1)) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]; where that form is singular
    /// (a within 1e-6 of 1, or a+b+x−1 ≤ 0) or its 2F1 fails, the same expectation as an integral over the dropout
    /// probability (<see cref="ExpectedPurchasesIfAliveByIntegral"/>).
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public double ExpectedPurchasesIfAlive(int x, double age, double horizon)
    {
        if (horizon <= 0) return 0;
        var c = A + B + x - 1;
        if (Math.Abs(A - 1) < 1e-6 || c <= 0) return ExpectedPurchasesIfAliveByIntegral(x, age, horizon);
        try
        {
            var z = horizon / (Alpha + age + horizon);
            var f = Hypergeometric2F1.Value(R + x, B + x, c, z);
            var value = c / (A - 1) * (1 - Math.Exp((R + x) * Math.Log((Alpha + age) / (Alpha + age + horizon))) * f);
            // Cancellation in 1 − (…)·2F1 can leave a tiny negative number or worse; the integral has none.
            return double.IsFinite(value) && value > 0 ? value : ExpectedPurchasesIfAliveByIntegral(x, age, horizon);
        }
        catch (ArithmeticException)
        {
            return ExpectedPurchasesIfAliveByIntegral(x, age, horizon);
        }
    }

    /// <summary>
    /// E over p ~ Beta(a, b+x) of (1/p)·(1 − ((α+T)/(α+T+p·t))^(r+x)), the same expectation computed by Gauss-Legendre
    /// quadrature (2 × 64 points, with substitutions that absorb the Beta density's endpoint singularities). A check
    /// on the 2F1 form and its fallback where that form is singular.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public double ExpectedPurchasesIfAliveByIntegral(int x, double age, double horizon)
    {
        if (horizon <= 0) return 0;
        double a = A, b = B + x, shape = R + x, scale = horizon / (Alpha + age);
        double G(double p) => p <= 0 ? shape * scale : -Precise.Expm1(-shape * Precise.Log1P(p * scale)) / p;
        // ∫₀^½ p^(a−1)(1−p)^(b−1) g dp with p = u^(1/a); ∫_½^1 the same with 1 − p = v^(1/b).
        var lower = GaussLegendreRule.Integrate(u =>
        {
            var p = Math.Pow(u, 1 / a);
            return Math.Pow(1 - p, b - 1) * G(p) / a;
        }, 0, Math.Pow(0.5, a), 64);
        var upper = GaussLegendreRule.Integrate(v =>
        {
            var q = Math.Pow(v, 1 / b);
            return Math.Pow(1 - q, a - 1) * G(1 - q) / b;
        }, 0, Math.Pow(0.5, b), 64);
        return (lower + upper) / Math.Exp(BetaLn(a, b));
    }

    /// <summary>
    /// Under the BG/NBD a customer drops out only just after a purchase, so one alive at T buys again for sure, after an
    /// exponential wait of rate λ, λ ~ Gamma(r+x, α+T) given alive. P(next purchase by T+s) = P(alive)·(1 − ((α+T)/(α+T+s))^(r+x)),
    /// which reaches 1/2 only when P(alive) &gt; 1/2, at s = (α+T)·((1 − 1/(2·P(alive)))^(−1/(r+x)) − 1).
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double? MedianTimeToNextPurchase(int x, double tx, double age)
    {
        var alive = ProbabilityAlive(x, tx, age);
        if (alive <= 0.5) return null;
        var s = (Alpha + age) * Precise.Expm1(-Math.Log(1 - 0.5 / alive) / (R + x));
        return double.IsFinite(s) ? s : null;
    }

    /// <summary>E[X(t)] for a customer who has just made their first purchase (the unconditional expectation).</summary>
    /// <param name="horizon">t: how far beyond the first purchase to count purchases.</param>
    public double ExpectedPurchasesOfNewCustomer(double horizon) => ExpectedPurchasesIfAlive(0, 0, horizon);

    /// <summary>ln(a/(b+x−1)) + (r+x)·ln((α+T)/(α+t_x)): the log odds of having dropped out after the last purchase.</summary>
    private double LogOddsDead(int x, double tx, double age) => Math.Log(A / (B + x - 1)) + (R + x) * (Math.Log(Alpha + age) - Math.Log(Alpha + tx));
}
