using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// The BG/NBD likelihood of one customer at one set of parameters: equation (6) of Fader, Hardie &amp; Lee (2005),
/// "Counting your customers the easy way",
/// <code>
/// L(r, α, a, b | x, t_x, T) = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
///                           + δ_{x&gt;0} · B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
/// </code>
/// The one implementation of it: <see cref="BgNbdModel.LogLikelihood"/> scores a customer with it and
/// <see cref="BgNbdFitter"/> sums it over the distinct (x, t_x, T) triples, so the value the fit maximizes and reports
/// is the value a test can check against the published one.
/// <para>
/// Since B(a+1, b+x−1) = B(a, b+x) · a/(b+x−1), the two terms share their first factors:
/// L = A₁ · A₂ · (A₃ + δ_{x&gt;0} A₄), with
/// A₁ = Γ(r+x) α^r / Γ(r), A₂ = B(a, b+x) / B(a, b), A₃ = (α+T)^−(r+x), A₄ = a/(b+x−1) · (α+t_x)^−(r+x).
/// It is computed in logarithms, ln A₁ + ln A₂ + ln(A₃ + δ A₄), the last by log-sum-exp: the powers under- or
/// overflow a double for large x long before their logarithms do. A₁ and A₂ (the gamma functions, the dear part)
/// depend on x alone, so an instance computes them once per distinct x however many customers it scores; an instance
/// is cheap, made for one set of parameters (the fitter makes one per evaluation). It fills that cache as it goes, so an
/// instance belongs to one thread.
/// </para>
/// </summary>
public sealed class BgNbdLikelihood : IBetaGeometricLikelihood
{
    double IBetaGeometricLikelihood.LogLikelihood(int x, BgNbdLikelihood.TimeTerms atTx, BgNbdLikelihood.TimeTerms atAge, Span<double> gradient) =>
        LogLikelihood(x, atTx, atAge, gradient);

    private readonly double _r, _alpha, _a, _b;
    private TermsOfX?[] _ofX;

    /// <param name="largestX">The largest x it will be asked about, if known (it grows as needed).</param>
    public BgNbdLikelihood(BgNbdModel model, int largestX = 0)
    {
        (_r, _alpha, _a, _b) = (model.R, model.Alpha, model.A, model.B);
        _ofX = new TermsOfX?[largestX + 1];
    }

    /// <summary>
    /// ln L(r, α, a, b | x, t_x, T), equation (6) of Fader, Hardie &amp; Lee (2005); when <paramref name="gradient"/> is not
    /// empty, also its derivatives ∂ ln L / ∂(r, α, a, b) into it.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="gradient">Empty, or 4 long.</param>
    public double LogLikelihood(int x, double tx, double age, Span<double> gradient) =>
        LogLikelihood(x, TimeTerms.At(_alpha, tx), TimeTerms.At(_alpha, age), gradient);

    /// <summary>
    /// The same, from the time terms of t_x and T computed by the caller: a sum over many customers computes them once
    /// per distinct time instead of once per customer (<see cref="BgNbdFitter"/>: a few hundred logarithms instead of two
    /// per triple, which at a million customers is a fifth of the fit's time).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal double LogLikelihood(int x, TimeTerms atTx, TimeTerms atAge, Span<double> gradient)
    {
        var ofX = TermsOf(x);
        var r = _r;
        var lnAlphaT = atAge.Log;
        var lnA3 = -(r + x) * lnAlphaT;
        if (x == 0)
        {
            if (!gradient.IsEmpty)
            {
                gradient[0] = ofX.DR - lnAlphaT;
                gradient[1] = ofX.DAlpha - (r + x) * atAge.Inverse;
                gradient[2] = ofX.DA;
                gradient[3] = ofX.DB;
            }
            return ofX.LnA1A2 + lnA3;
        }

        var lnAlphaTx = atTx.Log;
        var lnA4 = ofX.LnA4Factor - (r + x) * lnAlphaTx;
        // ln(A₃ + A₄) with the larger term taken out; w4 = A₄ / (A₃ + A₄) is the weight of ∂ ln A₄ in its derivative.
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
            gradient[0] = ofX.DR - w3 * lnAlphaT - w4 * lnAlphaTx;
            gradient[1] = ofX.DAlpha - (r + x) * (w3 * atAge.Inverse + w4 * atTx.Inverse);
            gradient[2] = ofX.DA + w4 / _a;
            gradient[3] = ofX.DB - w4 / (_b + x - 1);
        }
        return ofX.LnA1A2 + lnSum;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private TermsOfX TermsOf(int x)
    {
        if (x >= _ofX.Length) Array.Resize(ref _ofX, Math.Max(x + 1, 2 * _ofX.Length));
        return _ofX[x] ??= TermsOfX.Of(_r, _alpha, _a, _b, x);
    }

    /// <summary>What depends on one time t (T or t_x) at the instance's α: ln(α+t) and 1/(α+t).</summary>
    internal readonly record struct TimeTerms(double Log, double Inverse)
    {
        public static TimeTerms At(double alpha, double t) => new(Math.Log(alpha + t), 1 / (alpha + t));
    }

    /// <summary>What depends on x alone.</summary>
    /// <param name="LnA1A2">ln A₁ + ln A₂ = ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x).</param>
    /// <param name="LnA4Factor">ln(a/(b+x−1)), the factor of A₄ (x ≥ 1; NaN for x = 0, which has no A₄).</param>
    /// <param name="DR">∂(ln A₁ + ln A₂)/∂r; likewise <paramref name="DAlpha"/>, <paramref name="DA"/>, <paramref name="DB"/>.</param>
    private sealed record TermsOfX(double LnA1A2, double LnA4Factor, double DR, double DAlpha, double DA, double DB)
    {
        public static TermsOfX Of(double r, double alpha, double a, double b, int x)
        {
            var lnAlpha = Math.Log(alpha);
            double psiAB = DiGamma(a + b), psiABx = DiGamma(a + b + x);
            return new TermsOfX(
                LnA1A2: GammaLn(r + x) - GammaLn(r) + r * lnAlpha + GammaLn(a + b) + GammaLn(b + x) - GammaLn(b) - GammaLn(a + b + x),
                LnA4Factor: x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : double.NaN,
                DR: DiGamma(r + x) - DiGamma(r) + lnAlpha,
                DAlpha: r / alpha,
                DA: psiAB - psiABx,
                DB: psiAB + DiGamma(b + x) - DiGamma(b) - psiABx);
        }
    }
}
