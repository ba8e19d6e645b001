namespace Retention.Core.Models;

/// <summary>
/// The Gamma-Gamma model of spend (Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary value"; Colombo &amp;
/// Jiang 1999): each purchase of a customer is Gamma(p, ν) with the customer's ν ~ Gamma(q, γ), so a customer's mean
/// spend per purchase is p/ν and the shop's average is pγ/(q−1) (finite only for q &gt; 1). Spend and purchase counts
/// are assumed independent. Formulas in <c>docs/models.md</c>.
/// </summary>
public sealed record GammaGammaModel(double P, double Q, double Gamma)
{
    public IReadOnlyList<(string Name, double Value)> Parameters => [("p", P), ("q", Q), ("gamma", Gamma)];

    /// <summary>E[spend per purchase] of a customer about whom nothing is known: pγ/(q−1).</summary>
    public double PopulationMeanSpend => P * Gamma / (Q - 1);

    /// <summary>
    /// ln f(z̄ | x), the density of a customer's mean spend z̄ over x purchases (<see cref="GammaGammaLikelihood"/>, equation
    /// (5) of Fader &amp; Hardie 2013). Needs x ≥ 1 and z̄ &gt; 0.
    /// </summary>
    public double LogLikelihood(int x, double meanSpend) => new GammaGammaLikelihood(this, x).LogLikelihood(x, meanSpend, Span<double>.Empty);

    /// <summary>
    /// E[spend per purchase | x, z̄] = p(γ + x z̄)/(px + q − 1): a weighted mean of the shop's average and the customer's
    /// own, the customer's weighing more the more they bought. A customer without repeat purchases (x = 0) gets the
    /// shop's average; one whose repeat purchases have a mean spend ≤ 0 (refunds), left out of the fit, is taken at
    /// z̄ = 0: p γ/(px + q − 1), the shop's average shrunk by their x.
    /// </summary>
    public double ExpectedAverageSpend(int x, double meanSpend)
    {
        if (x <= 0) return PopulationMeanSpend;
        var z = Math.Max(0, meanSpend);
        return P * (Gamma + x * z) / (P * x + Q - 1);
    }
}
