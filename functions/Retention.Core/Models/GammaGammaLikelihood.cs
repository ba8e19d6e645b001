using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// The Gamma-Gamma density of one customer's mean spend at one set of parameters (Fader &amp; Hardie 2013, "The
/// Gamma-Gamma model of monetary value", equation (5)):
/// <code>
/// f(z̄ | p, q, γ, x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q),
/// </code>
/// taken in logarithms, ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄).
/// The one implementation of it: <see cref="GammaGammaModel.LogLikelihood"/> scores a customer with it and
/// <see cref="GammaGammaFitter"/> sums it over the repeat buyers. The gamma functions depend on x alone, so an instance
/// computes them once per distinct x; it is made for one set of parameters and fills that cache as it goes, so an
/// instance belongs to one thread.
/// </summary>
public sealed class GammaGammaLikelihood
{
    private readonly double _p, _q, _gamma, _lnGamma, _qOverGamma;
    private TermsOfX?[] _ofX;

    /// <param name="largestX">The largest x it will be asked about, if known (it grows as needed).</param>
    public GammaGammaLikelihood(GammaGammaModel model, int largestX = 0)
    {
        (_p, _q, _gamma) = (model.P, model.Q, model.Gamma);
        _lnGamma = Math.Log(_gamma);
        _qOverGamma = _q / _gamma;
        _ofX = new TermsOfX?[largestX + 1];
    }

    /// <summary>
    /// ln f(z̄ | p, q, γ, x); when <paramref name="gradient"/> is not empty, also ∂ ln f / ∂(p, q, γ) into it.
    /// </summary>
    /// <param name="x">x: repeat purchases, at least 1.</param>
    /// <param name="meanSpend">z̄: their mean spend, positive.</param>
    /// <param name="gradient">Empty, or 3 long.</param>
    public double LogLikelihood(int x, double meanSpend, Span<double> gradient)
    {
        if (x < 1 || !(meanSpend > 0)) throw new ArgumentOutOfRangeException(nameof(meanSpend), "the Gamma-Gamma density needs x >= 1 and a positive mean spend");
        return LogLikelihood(x, meanSpend, Math.Log(meanSpend) + Math.Log(x), Math.Log(meanSpend), gradient);
    }

    /// <summary>
    /// The same, from ln z̄ + ln x and ln z̄ computed by the caller: they do not depend on the parameters, so a fit takes
    /// them once per customer instead of once per customer and evaluation.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal double LogLikelihood(int x, double meanSpend, double lnSpendAndX, double lnSpend, Span<double> gradient)
    {
        var ofX = TermsOf(x);
        var px = _p * x;
        var denominator = _gamma + x * meanSpend;
        var lnDenominator = Math.Log(denominator);
        if (!gradient.IsEmpty)
        {
            gradient[0] = ofX.DP + x * (lnSpendAndX - lnDenominator);
            gradient[1] = ofX.DQ - lnDenominator;
            gradient[2] = _qOverGamma - (px + _q) / denominator;
        }
        return ofX.LnGammas + px * lnSpendAndX - lnSpend - (px + _q) * lnDenominator;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private TermsOfX TermsOf(int x)
    {
        if (x >= _ofX.Length) Array.Resize(ref _ofX, Math.Max(x + 1, 2 * _ofX.Length));
        return _ofX[x] ??= TermsOfX.Of(_p, _q, _lnGamma, x);
    }

    /// <summary>What depends on x alone.</summary>
    /// <param name="LnGammas">ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ.</param>
    /// <param name="DP">its derivative in p, x (ψ(px+q) − ψ(px)).</param>
    /// <param name="DQ">its derivative in q, ψ(px+q) − ψ(q) + ln γ.</param>
    private sealed record TermsOfX(double LnGammas, double DP, double DQ)
    {
        public static TermsOfX Of(double p, double q, double lnGamma, int x)
        {
            var px = p * x;
            var psiPxq = DiGamma(px + q);
            return new TermsOfX(GammaLn(px + q) - GammaLn(px) - GammaLn(q) + q * lnGamma, x * (psiPxq - DiGamma(px)), psiPxq - DiGamma(q) + lnGamma);
        }
    }
}
