using MathNet.Numerics.Integration;

namespace Retention.Core.Models;

public sealed partial class ParetoNbdLikelihood
{
    internal readonly partial record struct Tail
    {
        /// <summary>σ_a/D: the power series of piece A stops where e_M σ/D reaches 1 (so its alternating terms lose at most e²).</summary>
        private const double SplitTimesMajorExponent = 1;

        /// <summary>ln of how far below its value at its start piece B's integrand has fallen where B stops (e^−45 ≈ 3e-20).</summary>
        private const double NegligibleLog = 45;

        /// <summary>Piece B's nodes and weights on [0, 1] (MathNet's), made once and only read.</summary>
        private static readonly GaussLegendreRule Rule = new(0, 1, 24);

        /// <summary>
        /// ln I and its derivatives where z &gt; <see cref="SeriesLimit"/> and n(1 − z) ≤ 4 (<c>docs/models.md</c>, "The
        /// integral near z = 1"). In σ = m + τ, with D = M − m and σ₀ = m + y,
        /// <code>
        /// I = ∫_σ₀^∞ σ^−e_m (D+σ)^−e_M dσ = A + B + C,
        /// A = ∫_σ₀^σa = D^−e_M σ₀^(1−e_m) Σₖ (−1)ᵏ (e_M)ₖ/k! (σ₀/D)ᵏ ((σa/σ₀)^εₖ − 1)/εₖ,  εₖ = k + 1 − e_m,  σa = D min(½, 1/e_M),
        /// B = ∫_max(σ₀,σa)^σb  by 24-point Gauss–Legendre in ln σ,
        /// C = ∫_D^∞            by Euler's series at z = ½ (<see cref="Series"/> at y = D − m),
        /// </code>
        /// A expanding (1 + σ/D)^−e_M, which stays between e^−1 and 1 there, and integrating each power exactly, so the long
        /// stretch where σ^−e_m alone matters (σ₀/D ≈ 1e-5 in bench nightly's shop) costs no nodes and (x^ε − 1)/ε = ln x at
        /// ε = 0 keeps every integer e_m (r = 1 at a start, r + x near an integer) free of the 1 − z form's poles; B the
        /// cut-off, which (D+σ)^−e_M makes smooth on the scale of ln σ; C what lies beyond D when e_M is small enough for
        /// it to matter. Every derivative is a sum of the same terms or nodes (d/de_M of (e_M)ₖ: Σ_{j&lt;k} 1/(e_M+j); d/de_m of
        /// the powers: the derivative of (x^ε − 1)/ε in ε; in D and σ₀ the integrand at the ends), with the split points held
        /// fixed, which is exact: what moving a split point adds to one piece it takes from the next. Against 40-digit values
        /// (mpmath's ₂F₁ and its numerical derivatives) at 2,024 points with z from 0.95 to 1 − 1e-12, e_M from 0.05 to 1e6
        /// and e_m from 0.02 to 5,000 (644 of them an integer or within 1e-4 of one): ln I to 5e-15 of max(1, |ln I|), θ ∂ ln I/∂θ to
        /// 3e-14 of max(1, its size) (with 20 nodes 6e-13 and 3e-11, with 16 3e-10 and 7e-9).
        /// </summary>
        private static Tail NearOne(bool alphaMajor, double major, double minor, double y, double eMajor, double eMinor, bool gradient)
        {
            double a = eMajor, b = eMinor;
            var d = major - minor;
            var sigma0 = minor + y;
            var ratio = sigma0 / d;
            // ln D as ln M + ln(1 − m/M): exact to rounding of ln M itself, where M − m would carry its rounding times e_M into ln I.
            double logD = Math.Log(major) + Precise.Log1P(-minor / major), logSigma0 = Math.Log(sigma0);
            // Every piece relative to P = D^−e_M σ₀^(1−e_m), the size of the integrand's start times σ₀.
            var logP = -a * logD + (1 - b) * logSigma0;
            var split = Math.Min(0.5, SplitTimesMajorExponent / a);

            Span<Piece> pieces = stackalloc Piece[3];
            var count = 0;
            var start = ratio;
            if (ratio < split)
            {
                pieces[count++] = PowerSeries(a, b, ratio, split, logP, logD, logSigma0, sigma0, d);
                start = split;
            }
            var (piece, toInfinity) = Quadrature(a, b, ratio, start, start == ratio, logP, logD, logSigma0, sigma0, d);
            pieces[count++] = piece;
            if (toInfinity) pieces[count++] = Beyond(alphaMajor, a, b, d, gradient);

            var top = double.NegativeInfinity;
            foreach (var p in pieces[..count]) top = Math.Max(top, p.Log);
            double total = 0, dA = 0, dB = 0, dSigma0 = 0, dD = 0;
            foreach (var p in pieces[..count])
            {
                var weight = Math.Exp(p.Log - top);
                total += weight;
                dA += weight * p.DMajorExponent;
                dB += weight * p.DMinorExponent;
                dSigma0 += weight * p.DSigma0;
                dD += weight * p.DD;
            }
            var log = top + Math.Log(total);
            if (!double.IsFinite(log)) throw new ArithmeticException($"the Pareto/NBD integral near z = 1 is not finite at e_M = {a:G4}, e_m = {b:G4}, σ₀/D = {ratio:G3}");
            if (!gradient) return new Tail(log, 0, 0, 0, 0);
            (dA, dB, dSigma0, dD) = (dA / total, dB / total, dSigma0 / total, dD / total);
            // σ₀ = m + y and D = M − m: ∂/∂M = ∂/∂D, ∂/∂m = ∂/∂σ₀ − ∂/∂D.
            var dMinor = dSigma0 - dD;
            return alphaMajor ? new Tail(log, dA, dD, dB, dMinor) : new Tail(log, dB, dMinor, dA, dD);
        }

        /// <summary>One piece of I near z = 1: its logarithm and the derivatives of that in e_M, e_m, σ₀ and D.</summary>
        private readonly record struct Piece(double Log, double DMajorExponent, double DMinorExponent, double DSigma0, double DD);

        /// <summary>
        /// A = ∫_σ₀^σa σ^−e_m (D+σ)^−e_M dσ = P Σₖ tₖ, tₖ = (−1)ᵏ (e_M)ₖ/k! (σ₀/D)ᵏ Eₖ, Eₖ = (e^(εₖ L) − 1)/εₖ, L = ln(σa/σ₀).
        /// Their bounds fall at least like 1/k! once k passes 1 (σa e_M/D ≤ 1; like 2⁻ᵏ when e_M &lt; 2): about 20 terms reach
        /// 1e-17 of the sum in bench nightly's shop (e_M = s + 1 ≈ 450), about 55 when e_M is below 2.
        /// </summary>
        private static Piece PowerSeries(double a, double b, double ratio, double split, double logP, double logD, double logSigma0, double sigma0, double d)
        {
            var l = Math.Log(split / ratio);
            var grown = Math.Exp((1 - b) * l); // (σa/σ₀)^(1−e_m)
            // c = (e_M)ₖ/k! with its sign, psi = Σ_{j<k} 1/(e_M+j), splitK = (σa/D)ᵏ, ratioK = (σ₀/D)ᵏ.
            double c = 1, psi = 0, splitK = 1, ratioK = 1;
            double sum = 0, sumA = 0, sumB = 0, sumD = 0;
            for (var k = 0; ; k++)
            {
                if (k > MaximumTerms) throw new ArithmeticException($"the Pareto/NBD power series near z = 1 did not converge at e_M = {a}, e_m = {b}");
                var epsilon = k + 1 - b;
                var x = epsilon * l;
                double e, de; // (σ₀/D)ᵏ Eₖ and (σ₀/D)ᵏ dEₖ/dεₖ
                if (Math.Abs(x) < 0.5)
                {
                    e = ratioK * l * RelativeExpm1(x);
                    de = ratioK * l * l * RelativeExpm1Slope(x);
                }
                else
                {
                    // (σ₀/D)ᵏ e^(εₖ L) = (σa/D)ᵏ (σa/σ₀)^(1−e_m): no power of σa/σ₀ that could overflow.
                    var end = splitK * grown;
                    e = (end - ratioK) / epsilon;
                    de = (l * end - e) / epsilon;
                }
                var t = c * e;
                sum += t;
                sumA += t * psi;
                sumB -= c * de;
                sumD += (a + k) * t;
                c *= -(a + k) / (k + 1);
                psi += 1 / (a + k);
                splitK *= split;
                ratioK *= ratio;
                // Every later term is below |cⱼ| (σa/D)ʲ L max(1, (σa/σ₀)^(1−e_m)) (Eⱼ is the integral of e^(εⱼ s) over
                // [0, L]), its derivative in e_m below L times that, and those bounds fall by q = (e_M+j)/(j+1) σa/D a term.
                var q = (a + k + 1) / (k + 2) * split;
                if (k < 2 || q >= 1) continue;
                var rest = Math.Abs(c) * splitK * l * Math.Max(1, grown) / (1 - q);
                if (rest * (1 + l + psi + (k + 1) / a) <= 1e-17 * Math.Abs(sum)) break;
            }
            // ∂A/∂σ₀ = −σ₀^−e_m (D+σ₀)^−e_M (the integrand at the lower end), P (1 + σ₀/D)^−e_M / σ₀ relative to P.
            var atStart = Math.Exp(-a * Precise.Log1P(ratio)) / sigma0;
            return new Piece(logP + Math.Log(sum), -logD + sumA / sum, -logSigma0 + sumB / sum, -atStart / sum, -sumD / (d * sum));
        }

        /// <summary>
        /// B = ∫ σ^(1−e_m) (D+σ)^−e_M d(ln σ) from <paramref name="start"/>·D to where the integrand has fallen e^−45 below its
        /// value there (its logarithm is concave in ln σ, so it falls at least as fast as its slope there says, and beyond its
        /// mode for good), or to D, beyond which <see cref="Beyond"/> takes over (the bool). In ln σ the cut-off (D+σ)^−e_M
        /// is smooth: 24 nodes reach 5e-15 of ln I over the at most ln 48 it spans (20: 6e-13).
        /// </summary>
        private static (Piece Piece, bool ToInfinity) Quadrature(double a, double b, double ratio, double start, bool fromSigma0, double logP, double logD,
            double logSigma0, double sigma0, double d)
        {
            var logStart = Precise.Log1P(start);
            // Where a ln((1+x)/(1+start)) − (1 − e_m)⁺ ln(x/start) reaches 45: a few steps of its fixed point from below.
            var rise = Math.Max(0, 1 - b);
            var end = start + (1 + start) * Precise.Expm1(Math.Min(5, NegligibleLog / a));
            for (var step = 0; step < 3 && rise > 0; step++)
                end = start + (1 + start) * Precise.Expm1(Math.Min(5, (NegligibleLog + rise * Math.Log(end / start)) / a));
            var slope = 1 - b - a * start / (1 + start);
            if (slope < 0) end = Math.Min(end, start * Math.Exp(Math.Min(50, NegligibleLog / -slope)));
            var toInfinity = end >= 1;
            if (toInfinity) end = 1;

            var from = Math.Log(start);
            var width = Math.Log(end) - from;
            var logRatio = Math.Log(ratio);
            double sum = 0, sumA = 0, sumB = 0, sumD = 0;
            var nodes = Rule.Abscissas;
            var weights = Rule.Weights;
            for (var i = 0; i < nodes.Length; i++)
            {
                var offset = width * nodes[i]; // ln σ − ln(start·D)
                var x = start * Math.Exp(offset); // σ/D
                var log1P = Precise.Log1P(x);
                var g = weights[i] * Math.Exp((1 - b) * offset - a * (log1P - logStart));
                sum += g;
                sumA += g * log1P;
                sumB += g * (offset + from - logRatio); // ln(σ/σ₀)
                sumD += g / (1 + x);
            }
            // B = P (start·D/σ₀)^(1−e_m) (1+start)^−e_M · width · Σ.
            var logScale = (1 - b) * (from - logRatio) - a * logStart + Math.Log(width);
            // From σ₀ itself (no piece A): ∂B/∂σ₀ = −(the integrand at σ₀) = −P (1 + σ₀/D)^−e_M/σ₀ = −B/(σ₀ · width · Σ).
            var dSigma0 = fromSigma0 ? -1 / (sigma0 * width * sum) : 0;
            return (new Piece(logP + logScale + Math.Log(sum), -logD - sumA / sum, -logSigma0 - sumB / sum, dSigma0, -a / d * sumD / sum), toInfinity);
        }

        /// <summary>
        /// C = ∫_D^∞ σ^−e_m (D+σ)^−e_M dσ: <see cref="Series"/> at y = D − m (z = ½: terms falling by half at least). Its
        /// derivatives hold τ = D − m fixed; held at σ = D fixed, as the other pieces' split points are, the one in m differs by
        /// the integrand at D, and the one in D is the series' derivative in M.
        /// </summary>
        private static Piece Beyond(bool alphaMajor, double a, double b, double d, bool gradient)
        {
            var series = Series(alphaMajor, 2 * d, d, a, b, 0.5, gradient, MaximumTerms);
            var (dA, dB, dD) = alphaMajor ? (series.DR, series.DS, series.DAlpha) : (series.DS, series.DR, series.DBeta);
            return new Piece(series.Log, dA, dB, 0, dD);
        }

        /// <summary>(eˣ − 1)/x, 1 at x = 0.</summary>
        private static double RelativeExpm1(double x) => x == 0 ? 1 : Precise.Expm1(x) / x;

        /// <summary>d/dx (eˣ − 1)/x = Σⱼ (j+1) xʲ/(j+2)! for |x| &lt; ½ (20 terms: below 1e-17).</summary>
        private static double RelativeExpm1Slope(double x)
        {
            double sum = 0, power = 1, factorial = 2;
            for (var j = 0; j < 20; j++)
            {
                sum += (j + 1) * power / factorial;
                power *= x;
                factorial *= j + 3;
            }
            return sum;
        }
    }
}
