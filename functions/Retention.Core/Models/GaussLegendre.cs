namespace Retention.Core.Models;

/// <summary>
/// The n-point Gauss–Legendre rule on [0, 1]: Σ wᵢ f(tᵢ) is exact for polynomials of degree below 2n, and for a function
/// analytic around the interval its error falls geometrically with n. The nodes are the roots of the Legendre polynomial
/// Pₙ, found by Newton's method from cos(π(i − ¼)/(n + ½)), with the weights 2/((1 − x²) Pₙ'(x)²), both mapped from
/// [−1, 1] to [0, 1]. Made once and never changed.
/// </summary>
internal sealed class GaussLegendre
{
    private readonly double[] _nodes;
    private readonly double[] _weights;

    public GaussLegendre(int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        _nodes = new double[points];
        _weights = new double[points];
        for (var i = 0; i < points; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (points + 0.5));
            double derivative;
            for (var step = 0; ; step++)
            {
                (var value, derivative) = Legendre(points, x);
                var change = value / derivative;
                x -= change;
                if (Math.Abs(change) <= 1e-16 || step == 100) break;
            }
            (_, derivative) = Legendre(points, x);
            _nodes[i] = (1 - x) / 2;
            _weights[i] = 1 / ((1 - x * x) * derivative * derivative);
        }
    }

    /// <summary>tᵢ in (0, 1), increasing.</summary>
    public ReadOnlySpan<double> Nodes => _nodes;

    /// <summary>wᵢ, summing to 1.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Pₙ(x) and Pₙ'(x) by the three-term recurrence.</summary>
    private static (double Value, double Derivative) Legendre(int n, double x)
    {
        double previous = 1, current = x;
        for (var k = 2; k <= n; k++) (previous, current) = (current, ((2 * k - 1) * x * current - (k - 1) * previous) / k);
        return (current, n * (x * current - previous) / (x * x - 1));
    }
}
