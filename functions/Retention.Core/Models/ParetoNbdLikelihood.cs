using static MathNet.Numerics.SpecialFunctions;

namespace Retention.Core.Models;

/// <summary>
/// The Pareto/NBD likelihood of one customer at one set of parameters (Schmittlein, Morrison &amp; Colombo 1987; in the
/// form of Fader &amp; Hardie's note on the Pareto/NBD likelihood), with its analytic gradient,
/// <code>
/// L(r, α, s, β | x, t_x, T) = Γ(r+x) α^r β^s / Γ(r) · [ 1 / ((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ],
/// A₀ = (r+s+x) · (I(t_x) − I(T)),   I(y) = ∫_y^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ,
/// </code>
/// the second term of the bracket being the customer gone at some time τ in (t_x, T] (the paper's A₀ is this integral;
/// its ₂F₁ is the closed form of <see cref="Tail"/>). The one implementation of it: <see cref="ParetoNbdModel.LogLikelihood"/>
/// scores a customer with it and <see cref="ParetoNbdFitter"/> sums it and its gradient over the distinct (x, t_x, T)
/// triples, handing it the <see cref="Tail"/> terms it computes once per distinct (x, t_x) and (x, T) pair and the
/// <see cref="AgeTerms"/> once per distinct T. Computed in logarithms, the bracket by log-sum-exp. The first factor
/// depends on x alone, so an instance, made for one set of parameters, computes it (and its derivative in r) once per
/// distinct x however many customers it scores. It fills that cache as it goes, so an instance belongs to one thread.
/// </summary>
public sealed partial class ParetoNbdLikelihood
{
    private readonly ParetoNbdModel _model;
    private readonly double _constant;
    private TermsOfX?[] _ofX;

    /// <param name="largestX">The largest x it will be asked about, if known (it grows as needed).</param>
    public ParetoNbdLikelihood(ParetoNbdModel model, int largestX = 0)
    {
        _model = model;
        _constant = -GammaLn(model.R) + model.R * Math.Log(model.Alpha) + model.S * Math.Log(model.Beta);
        _ofX = new TermsOfX?[largestX + 1];
    }

    /// <summary>ln L(r, α, s, β | x, t_x, T).</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    public double LogLikelihood(int x, double tx, double age) => LogLikelihood(x, tx, age, Span<double>.Empty);

    /// <summary>ln L(r, α, s, β | x, t_x, T); when <paramref name="gradient"/> is not empty, also ∂ ln L / ∂(r, α, s, β) into it.</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="gradient">Empty, or 4 long.</param>
    public double LogLikelihood(int x, double tx, double age, Span<double> gradient)
    {
        var wantGradient = !gradient.IsEmpty;
        var atAge = Tail.Of(_model, x, age, wantGradient);
        var atTx = tx >= age ? atAge : Tail.Of(_model, x, tx, wantGradient);
        return LogLikelihood(x, atTx, atAge, AgeTerms.At(_model, age), gradient);
    }

    /// <summary>
    /// ln I(y), I(y) = ∫_y^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, the integral term of A₀ (the paper's ₂F₁(n, ·; n+1; z) divided by
    /// n (M+y)^n) as <see cref="Tail"/> computes it for the likelihood and P(alive); when <paramref name="gradient"/> is not
    /// empty, also ∂ ln I/∂(r, α, s, β) into it. Public so that it can be checked against its closed form on its own.
    /// </summary>
    /// <param name="x">x: repeat purchases.</param>
    /// <param name="y">The lower end of the integral: t_x or T.</param>
    /// <param name="gradient">Empty, or 4 long.</param>
    public static double LogIntegral(ParetoNbdModel model, int x, double y, Span<double> gradient)
    {
        var tail = Tail.Of(model, x, y, !gradient.IsEmpty);
        if (!gradient.IsEmpty) (gradient[0], gradient[1], gradient[2], gradient[3]) = (tail.DR, tail.DAlpha, tail.DS, tail.DBeta);
        return tail.Log;
    }

    /// <summary>
    /// The same from the terms of t_x and T computed by the caller (<see cref="ParetoNbdFitter"/>: once per distinct pair
    /// and distinct T instead of per triple). <paramref name="atTx"/> and <paramref name="atAge"/> are the
    /// <see cref="Tail"/> of (x, t_x) and (x, T); the same one when t_x = T, where the second term of the bracket is 0.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal double LogLikelihood(int x, in Tail atTx, in Tail atAge, in AgeTerms age, Span<double> gradient)
    {
        var ofX = TermsOf(x);
        double r = _model.R, s = _model.S;
        var alive = -(r + x) * age.LogAlpha - s * age.LogBeta;
        // ln(I(t_x) − I(T)) = ln I(t_x) + ln(1 − ρ), ρ = I(T)/I(t_x) ≤ 1, without overflow and without losing the
        // difference when t_x is close to T; −∞ when t_x = T.
        var gap = atAge.Log - atTx.Log;
        if (gap >= 0)
        {
            if (!gradient.IsEmpty)
            {
                gradient[0] = ofX.DR - age.LogAlpha;
                gradient[1] = r / _model.Alpha - (r + x) * age.InverseAlpha;
                gradient[2] = ofX.DS - age.LogBeta;
                gradient[3] = s / _model.Beta - s * age.InverseBeta;
            }
            return ofX.LnFirstFactor + alive;
        }
        var rho = Math.Exp(gap);
        // 1 − ρ directly where ρ ≤ e^−½ (no digits to lose), by expm1 near ρ = 1.
        var oneMinusRho = gap < -0.5 ? 1 - rho : -Precise.Expm1(gap);
        var dead = ofX.LnS + atTx.Log + Math.Log(oneMinusRho);
        // The bracket by log-sum-exp; wDead = its second term's share, the weight of ∂(dead) in its derivative.
        double lnBracket, wDead;
        if (dead > alive)
        {
            var e = Math.Exp(alive - dead);
            lnBracket = dead + Precise.Log1P(e);
            wDead = 1 / (1 + e);
        }
        else
        {
            var e = Math.Exp(dead - alive);
            lnBracket = alive + Precise.Log1P(e);
            wDead = e / (1 + e);
        }
        if (!gradient.IsEmpty)
        {
            // ∂ ln(I(t_x) − I(T)) = (∂ ln I(t_x) − ρ ∂ ln I(T)) / (1 − ρ). Near t_x = T both differences are small, but
            // so is wDead, which is proportional to 1 − ρ: the error they carry into the gradient stays at rounding size.
            var k = 1 / oneMinusRho;
            var wAlive = 1 - wDead;
            gradient[0] = ofX.DR - wAlive * age.LogAlpha + wDead * (atTx.DR - rho * atAge.DR) * k;
            gradient[1] = r / _model.Alpha - wAlive * (r + x) * age.InverseAlpha + wDead * (atTx.DAlpha - rho * atAge.DAlpha) * k;
            gradient[2] = ofX.DS - wAlive * age.LogBeta + wDead * (1 / s + (atTx.DS - rho * atAge.DS) * k);
            gradient[3] = s / _model.Beta - wAlive * s * age.InverseBeta + wDead * (atTx.DBeta - rho * atAge.DBeta) * k;
        }
        return ofX.LnFirstFactor + lnBracket;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private TermsOfX TermsOf(int x)
    {
        if (x >= _ofX.Length) Array.Resize(ref _ofX, Math.Max(x + 1, 2 * _ofX.Length));
        return _ofX[x] ??= new TermsOfX(GammaLn(_model.R + x) + _constant, Math.Log(_model.S),
            DiGamma(_model.R + x) - DiGamma(_model.R) + Math.Log(_model.Alpha), Math.Log(_model.Beta));
    }

    /// <summary>What depends on x alone.</summary>
    /// <param name="LnFirstFactor">ln(Γ(r+x) α^r β^s / Γ(r)).</param>
    /// <param name="LnS">ln s, the factor of the second term of the bracket (s · (I(t_x) − I(T))).</param>
    /// <param name="DR">∂ ln(first factor)/∂r = ψ(r+x) − ψ(r) + ln α.</param>
    /// <param name="DS">∂ ln(first factor)/∂s = ln β.</param>
    private sealed record TermsOfX(double LnFirstFactor, double LnS, double DR, double DS);

    /// <summary>What depends on T alone at the instance's α and β: ln(α+T), ln(β+T), 1/(α+T), 1/(β+T).</summary>
    internal readonly record struct AgeTerms(double LogAlpha, double LogBeta, double InverseAlpha, double InverseBeta)
    {
        public static AgeTerms At(ParetoNbdModel model, double age) =>
            new(Math.Log(model.Alpha + age), Math.Log(model.Beta + age), 1 / (model.Alpha + age), 1 / (model.Beta + age));
    }

    /// <summary>
    /// ln I(y) = ln ∫_y^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ and its derivatives in r, α, s, β (<c>docs/models.md</c>, "Pareto/NBD").
    /// It depends on x and one time y (t_x or T) only. With the larger of α, β called M and its exponent e_M (r+x for α,
    /// s+1 for β), the other m and e_m, n = r+s+x = e_M + e_m − 1 and z = (M−m)/(M+y) in [0, 1), the paper's closed form
    /// is I = ₂F₁(n, e_m; n+1; z) / (n (M+y)^n). Euler's transformation ₂F₁(a, b; c; z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z)
    /// turns it into
    /// <code>
    /// I = (M+y)^−e_M (m+y)^(1−e_m) / n · G,   G = Σₖ (e_M)ₖ / (n+1)ₖ · zᵏ,
    /// </code>
    /// a series of positive terms, each smaller than the one before by less than z: no peak to overflow for large x (the
    /// ₂F₁'s own terms grow like (1−z)^−e_m first), and each parameter's derivative a series of the same terms,
    /// <code>
    /// ∂ ln G/∂e_M = Σₖ gₖ Σ_{j&lt;k} (1/(e_M+j) − 1/(n+1+j)) / G,  ∂ ln G/∂e_m = −Σₖ gₖ Σ_{j&lt;k} 1/(n+1+j) / G,  ∂ ln G/∂z = Σₖ k gₖ / (z G),
    /// </code>
    /// summed together until the rest of every one is below 1e-17 of it. Up to z = <see cref="SeriesLimit"/> (about 800
    /// terms there, 20 for CDNOW's estimates). Beyond, where M is many times m + y, the terms would be about 39/(1 − z):
    /// there, while n(1 − z) ≤ 4, <see cref="NearOne"/> splits the integral into a power series, 24 Gauss–Legendre nodes
    /// and Euler's series at z = ½, with every derivative from the same terms and nodes in the same pass: 1.7 µs a pair in
    /// bench nightly's shop. It replaced the ₂F₁'s transformation to 1 − z with derivatives by central differences (9 ₂F₁
    /// a pair, 9.2 µs), whose error (at the median over 2,024 points against 40-digit values, 1e-11 of ln I, which is
    /// thousands there, and 1e-6 in the derivatives) summed over the triples was larger than the rise of the likelihood
    /// along the ridge of that shop, so its fit stopped anywhere on it (<c>docs/models.md</c>, "The integral near z = 1").
    /// </summary>
    /// <param name="Log">ln I(y).</param>
    /// <param name="DR">∂ ln I/∂r; likewise <paramref name="DAlpha"/>, <paramref name="DS"/>, <paramref name="DBeta"/> (0 when not asked for).</param>
    internal readonly partial record struct Tail(double Log, double DR, double DAlpha, double DS, double DBeta)
    {
        /// <summary>Where the series stops and <see cref="NearOne"/> takes over.</summary>
        public const double SeriesLimit = 0.95;

        private const int MaximumTerms = 100_000;

        /// <summary>n(1 − z) above which Euler's series (or the wall) takes over from <see cref="NearOne"/> again.</summary>
        private const double CancellationLimit = 4;

        /// <summary>n(1 − z) above which the point is a wall: a search far out on a ridge.</summary>
        private const double FarOutLimit = 100;

        public static Tail Of(ParetoNbdModel model, int x, double y, bool gradient) => Of(model.R, model.Alpha, model.S, model.Beta, x, y, gradient);

        public static Tail Of(double r, double alpha, double s, double beta, int x, double y, bool gradient)
        {
            double p = r + x, q = s + 1;
            var alphaMajor = alpha >= beta;
            var (major, minor, eMajor, eMinor) = alphaMajor ? (alpha, beta, p, q) : (beta, alpha, q, p);
            double majorY = major + y, minorY = minor + y;
            var z = (major - minor) / majorY;
            if (z <= SeriesLimit) return Series(alphaMajor, majorY, minorY, eMajor, eMinor, z, gradient, MaximumTerms);
            // Beyond it the pieces near z = 1 while n(1 − z) is small. Where it is more than a few, the ₂F₁'s transformation
            // to 1 − z that served here before cancelled (two terms growing like e^(n(1−z)) with opposite signs: at
            // r ≈ 380,000, α ≈ 7,000,000, β ≈ 130, a shop whose customers never churn, where the likelihood climbs a ridge to
            // r, α → ∞, its gradient jumped between 0.006 and 2 at points a hundredth apart, and BFGS walked for 30 s), and
            // these stretches keep what was settled then: Euler's series, at most about ln(1e-17)/ln z ≈ 39/(1 − z) terms of
            // one sign, where that is short; where it is not, or where n(1 − z) is in the hundreds (r in the millions: a
            // search far out on a ridge, where the long series let BFGS creep on for minutes), a wall the optimizer backs
            // off from (RidgeFitTests).
            var n = eMajor + eMinor - 1;
            if (n * (1 - z) > CancellationLimit)
            {
                if (39 / (1 - z) > MaximumTerms || n * (1 - z) > FarOutLimit)
                    throw new ArithmeticException($"the Pareto/NBD integral at n = {n:G4}, 1 − z = {1 - z:G3} is beyond both of its forms");
                return Series(alphaMajor, majorY, minorY, eMajor, eMinor, z, gradient, MaximumTerms);
            }
            return NearOne(alphaMajor, major, minor, y, eMajor, eMinor, gradient);
        }

        /// <summary>ln I and its derivatives by the series in Euler's form, up to <paramref name="maximumTerms"/> terms.</summary>
        private static Tail Series(bool alphaMajor, double majorY, double minorY, double eMajor, double eMinor, double z, bool gradient, int maximumTerms)
        {
            var n = eMajor + eMinor - 1;

            // gₖ = gₖ₋₁ · (e_M+k−1)/(n+k) · z; a and b are the inner sums of the derivatives in e_M and e_m, sumK collects k·gₖ/z.
            double g = 1, sum = 1, sumA = 0, sumB = 0, sumK = 0, a = 0, b = 0;
            for (var k = 1; ; k++)
            {
                if (k > maximumTerms) throw new ArithmeticException($"the Pareto/NBD tail series did not converge in {maximumTerms} terms at z = {z}");
                var top = eMajor + k - 1;
                var inverseBottom = 1 / (n + k);
                var factor = top * inverseBottom;
                if (gradient)
                {
                    sumK += k * g * factor;
                    a += 1 / top - inverseBottom;
                    b -= inverseBottom;
                }
                g *= factor * z;
                if (g == 0) break;
                sum += g;
                if (gradient)
                {
                    sumA += g * a;
                    sumB += g * b;
                }
                // Checked every fourth term (the check costs more than a term). The ratios of the terms rise towards z and
                // the inner sums grow by less than a factor 1 + 1/k a term, so the rest of each sum is below its last term
                // times ρ/(1 − ρ), ρ = z (1 + 1/k).
                if ((k & 3) != 0) continue;
                var rho = z * (1 + 1.0 / k);
                if (rho < 1)
                {
                    var tail = rho / (1 - rho);
                    if (g * tail <= 1e-17 * sum
                        && (!gradient || (g * a * tail <= 1e-17 * sumA && -g * b * tail <= -1e-17 * sumB && k * g / z * tail <= 1e-17 * sumK)))
                        break;
                }
                // Near z = 1 that bound needs k > z/(1 − z) terms. Every ratio is below z, and the inner sums grow by at most
                // their last step a term, which bounds the rests by geometric series in z too: for a customer of many
                // purchases (a large e_m) the terms fall far faster than z, and this ends the sum within hundreds of terms.
                var geometric = z / (1 - z);
                var squared = geometric / (1 - z);
                if (g * geometric <= 1e-17 * sum
                    && (!gradient || (g * (a * geometric + (1 / top - inverseBottom) * squared) <= 1e-17 * sumA
                        && g * (-b * geometric + inverseBottom * squared) <= -1e-17 * sumB
                        && g * (k * geometric + squared) / z <= 1e-17 * sumK)))
                    break;
            }

            var log = -eMajor * Math.Log(majorY) + (1 - eMinor) * Math.Log(minorY) - Math.Log(n) + Math.Log(sum);
            if (!gradient) return new Tail(log, 0, 0, 0, 0);
            var dLogGdz = sumK / sum;
            var dMajorExponent = -Math.Log(majorY) - 1 / n + sumA / sum;
            var dMinorExponent = -Math.Log(minorY) - 1 / n + sumB / sum;
            var dMajor = -eMajor / majorY + dLogGdz * minorY / (majorY * majorY);
            var dMinor = (1 - eMinor) / minorY - dLogGdz / majorY;
            return alphaMajor
                ? new Tail(log, dMajorExponent, dMajor, dMinorExponent, dMinor)
                : new Tail(log, dMinorExponent, dMinor, dMajorExponent, dMajor);
        }
    }
}
