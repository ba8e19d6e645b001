using Retention.Core.Models;

namespace Retention.Tests.Models;

/// <summary>
/// The integral term of the Pareto/NBD likelihood, I(y) = ∫_y^∞ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, and its gradient
/// (<see cref="ParetoNbdLikelihood.LogIntegral"/>), on both sides of z = 0.95 where the series in Euler's form hands over to
/// the pieces near z = 1 (<c>docs/models.md</c>, "The integral near z = 1"), deep in that corner, and in `bench nightly`'s
/// shop, whose estimates put every term there (s in the hundreds, β in the millions of weeks).
/// </summary>
public class ParetoNbdIntegralTests
{
    /// <summary>
    /// Against the paper's closed form ln I = ln ₂F₁(n, e_m; n+1; z) − n ln(M+y) − ln n with <see cref="Hypergeometric2F1"/>,
    /// and the gradient against 4-point central differences of that closed form (step 1e-4 θ): an independent value and an
    /// independent derivative. Held to 1e-12 of |ln I| and 1e-6 in log-parameters. The worst here, 1.5e-13 and 3.3e-7, are
    /// the ₂F₁'s own at z = 0.999999, where its transformation to 1 − z is 1.1e-11 off in ln I (the 40-digit values below
    /// put the integral there within 1e-16 of them); elsewhere 2e-14 and 4e-8.
    /// </summary>
    [Theory]
    [InlineData(0.3, 2, 1.5, 40, 7, 0.04)] // z = 0.9491: the series' last stretch
    [InlineData(0.3, 1.9, 1.5, 40, 7, 0.0)] // z = 0.9525: just past it
    [InlineData(0.3, 2, 1.5, 40, 0, 0.04)]
    [InlineData(0.3, 1.96, 1.5, 40, 0, 0.0)] // z = 0.951
    [InlineData(0.8, 60, 0.4, 3.1, 3, 0.0)] // α the larger: z = 0.948
    [InlineData(0.8, 60, 0.4, 2.9, 3, 0.05)] // z = 0.9509
    [InlineData(0.6, 2, 1.4, 2000, 4, 0.0)] // z = 0.999
    [InlineData(2.5, 1e6, 0.7, 0.5, 3, 0.5)] // z = 0.999999
    [InlineData(0.98269, 8.9102, 449.84, 1.636e6, 0, 0.0)] // bench nightly's shop: z = 0.999995
    [InlineData(0.98269, 8.9102, 449.84, 1.636e6, 1, 10.5)]
    [InlineData(0.98269, 8.9102, 449.84, 1.636e6, 2, 104.0)]
    [InlineData(1.5964, 27.915, 301.02, 1.0339e6, 2, 60.0)]
    [InlineData(37.5, 81.2, 450, 1.6e6, 9, 70.0)]
    [InlineData(2, 3, 0.5, 30000, 50, 20.0)] // z = 0.9992, e_m = 52
    public void The_integral_is_the_papers_closed_form_and_its_gradient_the_derivative_of_that(double r, double alpha, double s, double beta, int x, double y)
    {
        double[] theta = [r, alpha, s, beta];
        var gradient = new double[4];
        var log = ParetoNbdLikelihood.LogIntegral(new ParetoNbdModel(r, alpha, s, beta), x, y, gradient);

        var expected = ClosedForm(theta, x, y);
        Assert.True(Math.Abs(log - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"ln I {log}, closed form {expected}");
        for (var j = 0; j < 4; j++)
        {
            var h = 1e-4 * theta[j];
            double At(double step)
            {
                double[] moved = [.. theta];
                moved[j] += step;
                return ClosedForm(moved, x, y);
            }
            var numeric = (8 * (At(h) - At(-h)) - (At(2 * h) - At(-2 * h))) / (12 * h);
            AssertInLogParameters(theta[j], numeric, gradient[j], 1e-6, j);
        }
    }

    /// <summary>
    /// Against 40-digit values (mpmath 1.3: hyp2f1 for ln I, diff of it for the gradient) where the ₂F₁ itself is no help:
    /// a regular of 300 purchases in bench nightly's shop (its (1 − z)^(1 − e_m) is 10^1600), r = 1 exactly (e_m an integer,
    /// where the 1 − z form has poles), z within 1e-9 of 1. ln I to 1e-13 of its size, the gradient to 1e-9 in log-parameters.
    /// </summary>
    [Theory]
    [InlineData(0.98269, 8.9102, 449.84, 1636000.0, 0, 0, -6448.7292709401999, -5.1078914554117495, -0.019314344910850022, -14.30818539046173, -0.00027545879909778442)]
    [InlineData(0.98269, 8.9102, 449.84, 1636000.0, 1, 10.5, -6453.4390873407174, -3.9151247223746094, -0.051712234851710662, -14.307817929299652, -0.00027555993386294361)]
    [InlineData(0.98269, 8.9102, 449.84, 1636000.0, 17, 104, -6533.6457391478182, -4.7853547858538849, -0.15042602332378361, -14.307832672181142, -0.00027555586785516502)]
    [InlineData(0.98269, 8.9102, 449.84, 1636000.0, 300, 52, -7688.9798520425541, -4.1127339862958109, -4.9250001828333177, -14.307796704995952, -0.00027556577899943647)]
    [InlineData(1.0, 27.9, 301, 1030000.0, 0, 50, -4180.0314175478595, -6.1943426202284825, -0.0035960364112578892, -13.846047117225831, -0.00029291769211549246)]
    [InlineData(1.0, 27.9, 301, 1030000.0, 5, 50, -4204.6178571593029, -4.554015411638004, -0.064257460260142133, -13.845136632168087, -0.00029318415984246874)]
    [InlineData(100, 95, 450, 1600000.0, 2, 30, -6935.0505148603683, -4.8382112053141433, -0.80800281767988211, -14.285533717988251, -0.00028186949481573141)]
    [InlineData(2.5, 1000000.0, 0.7, 0.5, 3, 0.5, -75.629228622313228, -13.815587584517125, -5.4995877035828143e-6, -1.4232709584534627, -0.70040954662333382)]
    [InlineData(0.6, 2, 1.4, 2000, 4, 0, -22.019351151473972, -0.97057155236411111, -1.8004600201602965, -7.6012860462984487, -0.0011995399798397034)]
    [InlineData(0.3, 7000000.0, 2.0, 0.01, 0, 0.001, 3.5981466191874259, -15.761420708733873, -4.2857142783673473e-8, 4.0098600066551949, -181.81818186103895)]
    public void The_integral_near_z_one_matches_40_digit_values(double r, double alpha, double s, double beta, int x, double y, double expected,
        double dr, double dAlpha, double ds, double dBeta)
    {
        double[] theta = [r, alpha, s, beta];
        double[] expectedGradient = [dr, dAlpha, ds, dBeta];
        var gradient = new double[4];
        var log = ParetoNbdLikelihood.LogIntegral(new ParetoNbdModel(r, alpha, s, beta), x, y, gradient);

        Assert.True(Math.Abs(log - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"ln I {log}, expected {expected}");
        for (var j = 0; j < 4; j++) AssertInLogParameters(theta[j], expectedGradient[j], gradient[j], 1e-9, j);
    }

    /// <summary>θ ∂ ln I/∂θ, what the fit follows, within the tolerance of the expected one (relative, or absolute below 1).</summary>
    private static void AssertInLogParameters(double theta, double expected, double actual, double tolerance, int j) =>
        Assert.True(Math.Abs(theta * (actual - expected)) <= tolerance * Math.Max(1, Math.Abs(theta * expected)),
            $"parameter {j}: ∂ ln I/∂θ {actual}, expected {expected}");

    /// <summary>ln I = ln ₂F₁(n, e_m; n+1; z) − n ln(M+y) − ln n: M the larger of α, β, e_m the other one's exponent (r+x for α, s+1 for β).</summary>
    private static double ClosedForm(double[] theta, int x, double y)
    {
        var (r, alpha, s, beta) = (theta[0], theta[1], theta[2], theta[3]);
        var n = r + s + x;
        var (major, minor, second) = alpha >= beta ? (alpha, beta, s + 1) : (beta, alpha, r + x);
        return Math.Log(Hypergeometric2F1.Value(n, second, n + 1, (major - minor) / (major + y))) - n * Math.Log(major + y) - Math.Log(n);
    }
}
