namespace Retention.Core.Models;

/// <summary>
/// The MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007, "Empirical validation and comparison of models for customer
/// base analysis", IJRM 24(3); formulas as corrected in Wagner &amp; Hoppe's 2008 erratum; BTYDplus' <c>mbgcnbd</c> with
/// k = 1, lifetimes' <c>ModifiedBetaGeoFitter</c>). The BG/NBD with one change: while alive a customer buys at a Poisson
/// rate λ, λ ~ Gamma(r, α); they drop out with probability p, p ~ Beta(a, b), right after <b>every</b> purchase, the
/// first one (time 0) included. So a customer without repeat purchases may already be gone, and P(alive) is below 1
/// for them too, where the BG/NBD holds it at 1. Time in <see cref="Unit"/>; α is in that unit. The formulas are in
/// <c>docs/models.md</c>, "MBG/NBD".
/// </summary>
public sealed record MbgNbdModel(double R, double Alpha, double A, double B, ModelTimeUnit Unit = ModelTimeUnit.Week) : IPurchaseModel
{
    public string Name => ModelNames.MbgNbd;

    public IReadOnlyList<(string Name, double Value)> Parameters => [("r", R), ("alpha", Alpha), ("a", A), ("b", B)];

    /// <summary>
    /// ln L(r, α, a, b | x, t_x, T) = ln[B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
    /// + B(a+1, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))], by <see cref="MbgNbdLikelihood"/>: the one
    /// implementation, the one <see cref="MbgNbdFitter"/> maximizes.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double LogLikelihood(int x, double tx, double age) => new MbgNbdLikelihood(this, x).LogLikelihood(x, tx, age, Span<double>.Empty);

    /// <summary>
    /// P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)): the likelihood's first term (survived every
    /// chance to drop out, alive at T) over the whole, A₃ / (A₃ + A₄) in the terms of <see cref="MbgNbdLikelihood"/>.
    /// For x = 0 (t_x = 0) it is 1 / (1 + a/b · ((α+T)/α)^r) &lt; 1: the customer may have dropped out at time 0.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double ProbabilityAlive(int x, double tx, double age) => 1 / (1 + Math.Exp(LogOddsDead(x, tx, age)));

    /// <summary>
    /// E[Y(t) | x, t_x, T], repeat purchases in (T, T + t] = P(alive) × <see cref="ExpectedPurchasesIfAlive"/>:
    /// (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)).
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public double ConditionalExpectedPurchases(int x, double tx, double age, double horizon) =>
        ProbabilityAlive(x, tx, age) * ExpectedPurchasesIfAlive(x, age, horizon);

    /// <summary>
    /// E[purchases in (T, T + t] | alive at T, x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))].
    /// Alive at T, the customer has survived x+1 chances to drop out, so p ~ Beta(a, b+x+1) and λ ~ Gamma(r+x, α+T):
    /// the BG/NBD's expectation given alive with b+1 in place of b (whose p given alive is Beta(a, b+x)). Where the form
    /// is singular (a within 1e-6 of 1) or its ₂F₁ fails, that same expectation as the BG/NBD's integral over p.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public double ExpectedPurchasesIfAlive(int x, double age, double horizon)
    {
        if (horizon <= 0) return 0;
        var c = A + B + x;
        if (Math.Abs(A - 1) < 1e-6) return ExpectedPurchasesIfAliveByIntegral(x, age, horizon);
        try
        {
            var z = horizon / (Alpha + age + horizon);
            var f = Hypergeometric2F1.Value(R + x, B + x + 1, c, z);
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
    /// E over p ~ Beta(a, b+x+1) of (1/p)·(1 − ((α+T)/(α+T+p·t))^(r+x)) by quadrature: the BG/NBD's
    /// <see cref="BgNbdModel.ExpectedPurchasesIfAliveByIntegral"/> at b+1. A check on the ₂F₁ form and its fallback.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    public double ExpectedPurchasesIfAliveByIntegral(int x, double age, double horizon) =>
        new BgNbdModel(R, Alpha, A, B + 1, Unit).ExpectedPurchasesIfAliveByIntegral(x, age, horizon);

    /// <summary>
    /// E[X(t)], repeat purchases in (0, t] of a customer who has just made their first purchase:
    /// b/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b+1; a+b; t/(α+t))]. That is P(alive just after the first purchase) = b/(a+b)
    /// times the expectation given alive at x = 0, T = 0: the conditional expectation at (0, 0, 0).
    /// </summary>
    /// <param name="horizon">t: how far beyond the first purchase to count purchases.</param>
    public double ExpectedPurchasesOfNewCustomer(double horizon) => ConditionalExpectedPurchases(0, 0, 0, horizon);

    /// <summary>
    /// As under the BG/NBD, dropping out happens only right after a purchase, so a customer alive at T buys again for
    /// sure, after an exponential wait of rate λ ~ Gamma(r+x, α+T). P(next purchase by T+s) = P(alive)·(1 − ((α+T)/(α+T+s))^(r+x)),
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

    /// <summary>ln(a/(b+x)) + (r+x)·ln((α+T)/(α+t_x)): the log odds of having dropped out right after the last purchase.</summary>
    private double LogOddsDead(int x, double tx, double age) => Math.Log(A / (B + x)) + (R + x) * (Math.Log(Alpha + age) - Math.Log(Alpha + tx));
}
