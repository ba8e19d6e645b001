namespace Retention.Core.Models;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z ≤ 1, as the BG/NBD and Pareto/NBD
/// formulas need it (<c>docs/models.md</c>, "The hypergeometric function"):
/// <list type="bullet">
/// <item>a or b a non-positive integer: the finite polynomial, any z;</item>
/// <item>0 ≤ z ≤ 0.9: the power series Σ (a)ₖ(b)ₖ/((c)ₖ k!) zᵏ, summed until the rest is below double precision;</item>
/// <item>0.9 &lt; z &lt; 1: the linear transformation to 1 − z (Abramowitz &amp; Stegun 15.3.6), two series in 1 − z ≤ 0.1
/// with gamma-function weights; where c − a − b is (within 1e-6 of) an integer, where those weights have poles, the
/// function is analytic in c: the value is the mean of the two sides c ± h, extrapolated (Richardson) from h = 4e-4 and
/// 2e-4 to h = 0 (relative error about 1e-10);</item>
/// <item>z &lt; 0: Pfaff's transformation (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)), which maps z to [0, 1);</item>
/// <item>z = 1: Gauss's sum Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) when c − a − b &gt; 0, +∞ otherwise.</item>
/// </list>
/// It never returns NaN: undefined arguments (c a non-positive integer, z &gt; 1, non-finite input) throw.
/// </summary>
public static class Hypergeometric2F1
{
    private const double SeriesLimit = 0.9;
    private const double IntegerTolerance = 1e-6;
    private const double IntegerStep = 4e-4;
    private const int MaximumTerms = 10_000_000;

    public static double Value(double a, double b, double c, double z)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(z))
            throw new ArgumentOutOfRangeException(nameof(z), "2F1 needs finite arguments");
        if (IsNonPositiveInteger(c) && !(IsNonPositiveInteger(a) && a > c) && !(IsNonPositiveInteger(b) && b > c))
            throw new ArgumentOutOfRangeException(nameof(c), $"2F1 is undefined for c = {c} (a non-positive integer)");
        if (z > 1) throw new ArgumentOutOfRangeException(nameof(z), $"2F1 is real only for z <= 1, not {z}");
        if (z == 0 || a == 0 || b == 0) return 1;
        if (IsNonPositiveInteger(a) || IsNonPositiveInteger(b)) return Series(a, b, c, z);
        if (z < 0)
        {
            // Pfaff: w = z / (z − 1) lies in (0, 1); pick the form whose series converges fastest (both are exact).
            var w = z / (z - 1);
            return Math.Pow(1 - z, -a) * Value(a, c - b, c, w);
        }
        if (z == 1) return AtOne(a, b, c);
        if (z <= SeriesLimit) return Series(a, b, c, z);
        var d = c - a - b;
        var nearest = Math.Round(d);
        if (Math.Abs(d - nearest) < IntegerTolerance)
        {
            // Analytic in c: the mean of the two sides is the value at the integer up to O(h²); Richardson's
            // extrapolation over h and h/2 removes that term, leaving O(h⁴).
            var atInteger = c + nearest - d;
            double Mean(double h) => 0.5 * (NearOne(a, b, atInteger + h, z) + NearOne(a, b, atInteger - h, z));
            return (4 * Mean(IntegerStep / 2) - Mean(IntegerStep)) / 3;
        }
        return NearOne(a, b, c, z);
    }

    /// <summary>The power series, summed until a term no longer changes the sum and the terms are shrinking.</summary>
    internal static double Series(double a, double b, double c, double z)
    {
        double sum = 1, term = 1;
        for (var k = 0; k < MaximumTerms; k++)
        {
            var ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0) return sum;
            // Past the largest term (|ratio| < 1) the rest is at most |term| · |ratio| / (1 − |ratio|) when the ratios
            // increase towards |z|, and at most |term| · |z| / (1 − |z|) otherwise.
            var bound = Math.Max(Math.Abs(ratio), Math.Abs(z));
            if (Math.Abs(ratio) < 1 && Math.Abs(term) * bound / (1 - bound) <= 1e-17 * Math.Abs(sum)) return sum;
        }
        throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}): the series did not converge in {MaximumTerms} terms");
    }

    /// <summary>A&amp;S 15.3.6, for c − a − b not an integer.</summary>
    private static double NearOne(double a, double b, double c, double z)
    {
        var d = c - a - b;
        var y = 1 - z;
        var first = GammaRatio([c, d], [c - a, c - b]) * Series(a, b, 1 - d, y);
        var second = GammaRatio([c, -d], [a, b]) * Math.Pow(y, d) * Series(c - a, c - b, d + 1, y);
        var value = first + second;
        if (!double.IsFinite(value)) throw new ArithmeticException($"2F1({a}, {b}; {c}; {z}) overflows a double");
        return value;
    }

    private static double AtOne(double a, double b, double c)
    {
        var d = c - a - b;
        if (d <= 0) return double.PositiveInfinity;
        return GammaRatio([c, d], [c - a, c - b]);
    }

    /// <summary>Π Γ(numerators) / Π Γ(denominators), in logarithms with signs so that neither overflows alone; 1/Γ at a pole is 0.</summary>
    internal static double GammaRatio(ReadOnlySpan<double> numerators, ReadOnlySpan<double> denominators)
    {
        double log = 0, sign = 1;
        foreach (var x in denominators)
        {
            if (IsNonPositiveInteger(x)) return 0;
            log -= LogAbsGamma(x);
            sign *= GammaSign(x);
        }
        foreach (var x in numerators)
        {
            if (IsNonPositiveInteger(x)) throw new ArithmeticException($"Γ has a pole at {x}");
            log += LogAbsGamma(x);
            sign *= GammaSign(x);
        }
        return sign * Math.Exp(log);
    }

    /// <summary>ln |Γ(x)| for any real x that is not a pole, by reflection below 1/2.</summary>
    internal static double LogAbsGamma(double x) =>
        x >= 0.5
            ? MathNet.Numerics.SpecialFunctions.GammaLn(x)
            : Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - MathNet.Numerics.SpecialFunctions.GammaLn(1 - x);

    /// <summary>The sign of Γ(x): positive for x &gt; 0, alternating between the poles below 0.</summary>
    internal static double GammaSign(double x) => x > 0 || Math.Floor(x) % 2 == 0 ? 1 : -1;

    private static bool IsNonPositiveInteger(double x) => x <= 0 && x == Math.Floor(x);
}
