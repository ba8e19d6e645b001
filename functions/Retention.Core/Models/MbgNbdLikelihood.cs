using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// The MBG/NBD likelihood of one customer at one set of parameters (Batislam, Denizel &amp; Filiztekin 2007, "Empirical
/// validation and comparison of models for customer base analysis", IJRM 24(3), with Wagner &amp; Hoppe's 2008 erratum):
/// <code>
/// L(r, α, a, b | x, t_x, T) = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
///                           + B(a+1, b+x)/B(a, b)   · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
/// </code>
/// The BG/NBD's equation (6) with one more chance to drop out: a customer alive at T has survived x+1 of them (after
/// the first purchase and after each of the x repeat purchases), (1−p)^(x+1), hence B(a, b+x+1); one who dropped out
/// did so right after the last purchase, at t_x, having survived x of them, p(1−p)^x, hence B(a+1, b+x). The second
/// term has no δ_{x&gt;0}: a customer without repeat purchases may have dropped out at time 0 (t_x = 0).
/// <para>
/// Since B(a+1, b+x) = B(a, b+x+1) · a/(b+x), the two terms share their first factors:
/// L = A₁ · A₂ · (A₃ + A₄), with
/// A₁ = Γ(r+x) α^r / Γ(r), A₂ = B(a, b+x+1) / B(a, b), A₃ = (α+T)^−(r+x), A₄ = a/(b+x) · (α+t_x)^−(r+x),
/// the form of lifetimes' <c>ModifiedBetaGeoFitter</c> and BTYDplus' <c>mbgcnbd.LL</c> with k = 1. Computed like
/// <see cref="BgNbdLikelihood"/>: in logarithms, ln(A₃ + A₄) by log-sum-exp, the terms of x alone once per distinct x,
/// the terms of a time once per distinct time (by the caller). The one implementation: <see cref="MbgNbdModel.LogLikelihood"/>
/// scores a customer with it and <see cref="MbgNbdFitter"/> sums it. An instance fills its cache as it goes, so it
/// belongs to one thread.
/// </para>
/// </summary>
public sealed class MbgNbdLikelihood : IBetaGeometricLikelihood
{
    double IBetaGeometricLikelihood.LogLikelihood(int x, BgNbdLikelihood.TimeTerms atTx, BgNbdLikelihood.TimeTerms atAge, Span<double> gradient) =>
        LogLikelihood(x, atTx, atAge, gradient);

    private readonly double _r, _alpha, _a, _b;
    private TermsOfX?[] _ofX;

    /// <param name="largestX">The largest x it will be asked about, if known (it grows as needed).</param>
    public MbgNbdLikelihood(MbgNbdModel model, int largestX = 0)
    {
        (_r, _alpha, _a, _b) = (model.R, model.Alpha, model.A, model.B);
        _ofX = new TermsOfX?[largestX + 1];
    }

    /// <summary>
    /// ln L(r, α, a, b | x, t_x, T); when <paramref name="gradient"/> is not empty, also its derivatives
    /// ∂ ln L / ∂(r, α, a, b) into it.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="gradient">Empty, or 4 long.</param>
    public double LogLikelihood(int x, double tx, double age, Span<double> gradient) =>
        LogLikelihood(x, BgNbdLikelihood.TimeTerms.At(_alpha, tx), BgNbdLikelihood.TimeTerms.At(_alpha, age), gradient);

    /// <summary>The same, from the time terms ln(α+t), 1/(α+t) of t_x and T computed by the caller once per distinct time.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal double LogLikelihood(int x, BgNbdLikelihood.TimeTerms atTx, BgNbdLikelihood.TimeTerms atAge, Span<double> gradient)
    {
        var ofX = TermsOf(x);
        var shape = _r + x;
        var lnA3 = -shape * atAge.Log;
        var lnA4 = ofX.LnA4Factor - shape * atTx.Log;
        // ln(A₃ + A₄) with the larger term taken out; w4 = A₄ / (A₃ + A₄) is the weight of ∂ ln A₄ in its derivative
        // (and 1 − P(alive)).
        double lnSum, w4;
        if (lnA4 > lnA3)
        {
            var e = Math.Exp(lnA3 - lnA4);
            lnSum = lnA4 + Precise.Log1P(e);
            w4 = 1 / (1 + e);
        }
        else
        {
            var e = Math.Exp(lnA4 - lnA3);
            lnSum = lnA3 + Precise.Log1P(e);
            w4 = e / (1 + e);
        }
        if (!gradient.IsEmpty)
        {
            var w3 = 1 - w4;
            gradient[0] = ofX.DR - w3 * atAge.Log - w4 * atTx.Log;
            gradient[1] = ofX.DAlpha - shape * (w3 * atAge.Inverse + w4 * atTx.Inverse);
            gradient[2] = ofX.DA + w4 / _a;
            gradient[3] = ofX.DB - w4 / (_b + x);
        }
        return ofX.LnA1A2 + lnSum;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private TermsOfX TermsOf(int x)
    {
        if (x >= _ofX.Length) Array.Resize(ref _ofX, Math.Max(x + 1, 2 * _ofX.Length));
        return _ofX[x] ??= TermsOfX.Of(_r, _alpha, _a, _b, x);
    }

    /// <summary>What depends on x alone.</summary>
    /// <param name="LnA1A2">ln A₁ + ln A₂ = ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(a+b) + ln Γ(b+x+1) − ln Γ(b) − ln Γ(a+b+x+1).</param>
    /// <param name="LnA4Factor">ln(a/(b+x)), the factor of A₄.</param>
    /// <param name="DR">∂(ln A₁ + ln A₂)/∂r; likewise <paramref name="DAlpha"/>, <paramref name="DA"/>, <paramref name="DB"/>.</param>
    private sealed record TermsOfX(double LnA1A2, double LnA4Factor, double DR, double DAlpha, double DA, double DB)
    {
        public static TermsOfX Of(double r, double alpha, double a, double b, int x)
        {
            var lnAlpha = Math.Log(alpha);
            double psiAB = DiGamma(a + b), psiABx1 = DiGamma(a + b + x + 1);
            return new TermsOfX(
                LnA1A2: GammaLn(r + x) - GammaLn(r) + r * lnAlpha + GammaLn(a + b) + GammaLn(b + x + 1) - GammaLn(b) - GammaLn(a + b + x + 1),
                LnA4Factor: Math.Log(a) - Math.Log(b + x),
                DR: DiGamma(r + x) - DiGamma(r) + lnAlpha,
                DAlpha: r / alpha,
                DA: psiAB - psiABx1,
                DB: psiAB + DiGamma(b + x + 1) - DiGamma(b) - psiABx1);
        }
    }
}
