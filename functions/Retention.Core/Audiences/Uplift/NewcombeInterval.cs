namespace Retention.Core.Audiences.Uplift;

/// <summary>
/// 95 % intervals for a share and for the difference of two independent shares by score methods. The textbook Wald
/// interval p ± z√(p(1 − p)/n) covers far less than 95 % with small arms and shares near 0 or 1, and a holdout of 10 %
/// of a small audience is both; the score intervals keep their coverage near 95 % there and never leave [0, 1] (a share)
/// or [−1, 1] (a difference).
/// <para>
/// Wilson's score interval for x successes of n trials, p = x / n and z = 1.959964 (the normal 97.5th percentile):
/// <c>l, u = (2x + z² ∓ z√(z² + 4x(1 − p))) / (2(n + z²))</c>.
/// </para>
/// <para>
/// Newcombe's hybrid score interval for p1 − p2 (Newcombe 1998, "Interval estimation for the difference between
/// independent proportions: comparison of eleven methods", Statistics in Medicine 17:873–890, method 10, without
/// continuity correction), from the Wilson intervals (l1, u1) of p1 and (l2, u2) of p2:
/// <c>L = (p1 − p2) − √((p1 − l1)² + (u2 − p2)²)</c> and <c>U = (p1 − p2) + √((u1 − p1)² + (p2 − l2)²)</c>:
/// each end adds the two shares' distances to the Wilson limits that push the difference that way, in quadrature.
/// </para>
/// </summary>
public static class NewcombeInterval
{
    /// <summary>z of a two-sided 95 % interval: the standard normal distribution's 97.5th percentile.</summary>
    public const double Z95 = 1.959963984540054;

    public static (double Low, double High) Wilson(int successes, int trials, double z = Z95)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), trials, "a share needs at least one trial");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, "successes are between 0 and the trials");
        double x = successes, n = trials, p = x / n, z2 = z * z;
        var centre = 2 * x + z2;
        var spread = z * Math.Sqrt(z2 + 4 * x * (1 - p));
        var denominator = 2 * (n + z2);
        // 0 of n and n of n give 0 and 1 exactly in exact arithmetic; the clamp keeps rounding from stepping outside.
        return (Math.Max(0, (centre - spread) / denominator), Math.Min(1, (centre + spread) / denominator));
    }

    /// <summary>Newcombe's method 10 interval for successes1 / trials1 − successes2 / trials2.</summary>
    public static (double Low, double High) Difference(int successes1, int trials1, int successes2, int trials2, double z = Z95)
    {
        var (l1, u1) = Wilson(successes1, trials1, z);
        var (l2, u2) = Wilson(successes2, trials2, z);
        double p1 = (double)successes1 / trials1, p2 = (double)successes2 / trials2, difference = p1 - p2;
        var low = difference - Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
        var high = difference + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
        return (Math.Max(-1, low), Math.Min(1, high));
    }
}
