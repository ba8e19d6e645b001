using MathNet.Numerics.Distributions;

namespace Retention.Core.Audiences.Uplift;

/// <summary>
/// A 95 % interval for the difference of two means, mean(a) − mean(b), by Welch's t: the arms' variances are not
/// assumed equal (a 10 % control arm and a treated arm nine times its size rarely have equal spreads), and the
/// quantile is Student's t with the Welch–Satterthwaite degrees of freedom, not the normal approximation:
/// <c>se = √(s_a²/n_a + s_b²/n_b)</c> with s² the sample variance (n − 1 in the denominator),
/// <c>ν = se⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1))</c>, and the interval
/// <c>mean(a) − mean(b) ± t(0.975; ν) · se</c>. With every value in both arms equal, se = 0, ν is taken as infinite
/// and the interval is the difference itself.
/// <para>
/// Revenue per member is mostly zeros with a long tail, so the interval rests on the central limit theorem: with 30
/// or more per arm (the rule <see cref="AudienceUplift"/> applies before it shows one) it is a fair guide, and one
/// big spender in a small control arm still moves it a lot.
/// </para>
/// </summary>
/// <param name="Difference">mean(a) − mean(b).</param>
/// <param name="StandardError">se above.</param>
/// <param name="DegreesOfFreedom">ν above.</param>
public sealed record WelchInterval(double Difference, double StandardError, double DegreesOfFreedom, double Low, double High)
{
    /// <returns>null when either sample has fewer than two values: there is no variance to estimate.</returns>
    public static WelchInterval? Of(IReadOnlyList<decimal> a, IReadOnlyList<decimal> b, double confidence = 0.95)
    {
        if (a.Count < 2 || b.Count < 2) return null;
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence is above 0 and below 1");
        var (meanA, varianceA) = MeanAndVariance(a);
        var (meanB, varianceB) = MeanAndVariance(b);
        double termA = varianceA / a.Count, termB = varianceB / b.Count;
        var se = Math.Sqrt(termA + termB);
        var difference = meanA - meanB;
        if (se == 0) return new WelchInterval(difference, 0, double.PositiveInfinity, difference, difference);
        var freedom = (termA + termB) * (termA + termB) / (termA * termA / (a.Count - 1) + termB * termB / (b.Count - 1));
        var t = StudentT.InvCDF(0, 1, freedom, 1 - (1 - confidence) / 2);
        return new WelchInterval(difference, se, freedom, difference - t * se, difference + t * se);
    }

    /// <summary>Two passes (the mean, then squares about it): no cancellation between two large sums of squares.</summary>
    private static (double Mean, double Variance) MeanAndVariance(IReadOnlyList<decimal> values)
    {
        var sum = 0m;
        foreach (var value in values) sum += value;
        var mean = (double)(sum / values.Count);
        var squares = 0.0;
        foreach (var value in values)
        {
            var deviation = (double)value - mean;
            squares += deviation * deviation;
        }
        return (mean, squares / (values.Count - 1));
    }
}
