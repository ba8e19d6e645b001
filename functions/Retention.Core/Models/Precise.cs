namespace Retention.Core.Models;

/// <summary>
/// ln(1 + x) and eˣ − 1 without the cancellation of the naive forms near 0 (.NET's <c>double.LogP1</c>/<c>ExpM1</c> are
/// the naive forms). Kahan's tricks: the rounding error of 1 + x (of eˣ) is divided back out.
/// </summary>
internal static class Precise
{
    public static double Log1P(double x)
    {
        var u = 1 + x;
        if (u == 1) return x;
        return double.IsPositiveInfinity(u) ? Math.Log(u) : Math.Log(u) * x / (u - 1);
    }

    public static double Expm1(double x)
    {
        if (Math.Abs(x) < 1e-5) return x + x * x / 2 + x * x * x / 6;
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        if (um1 == -1 || double.IsPositiveInfinity(u)) return um1;
        return um1 * x / Math.Log(u);
    }
}
