using Retention.Core.Models;

namespace Retention.Tests.Models;

/// <summary>One customer's ln L and its gradient in (θ₁ … θ₄), as each model's likelihood computes it.</summary>
internal delegate double CustomerLogLikelihood(int x, double tx, double age, Span<double> gradient);

/// <summary>The check the purchase models' analytic gradients share: each component against central differences of the total log-likelihood.</summary>
internal static class LikelihoodGradientCheck
{
    /// <summary>Σ weight · ∇ ln L over the triples, from one customer's gradient at a time.</summary>
    public static double[] Summed(SummaryTriples triples, CustomerLogLikelihood customer)
    {
        var analytic = new double[4];
        var one = new double[4];
        for (var i = 0; i < triples.Count; i++)
        {
            customer(triples.X[i], triples.Tx[i], triples.T[i], one);
            for (var j = 0; j < 4; j++) analytic[j] += triples.Weight[i] * one[j];
        }
        return analytic;
    }

    /// <summary>Each component within 1e-4 (relative, or absolute below 1) of (ℓ(θ + h eⱼ) − ℓ(θ − h eⱼ)) / 2h, h = 1e-6 θⱼ.</summary>
    public static void AgreesWithDifferences(double[] theta, double[] analytic, Func<double[], double> total)
    {
        for (var j = 0; j < theta.Length; j++)
        {
            var h = 1e-6 * theta[j];
            double[] up = [.. theta], down = [.. theta];
            up[j] += h;
            down[j] -= h;
            var numeric = (total(up) - total(down)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[j]) <= 1e-4 * Math.Max(1, Math.Abs(analytic[j])),
                $"parameter {j}: analytic {analytic[j]}, numeric {numeric}");
        }
    }
}
