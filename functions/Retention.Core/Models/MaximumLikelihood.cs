using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Retention.Core.Models;

/// <summary>
/// The total log-likelihood at log-parameters φ (every model estimates ln θ, so that θ &gt; 0 holds by construction);
/// when <paramref name="gradient"/> is not empty, also ∂LL/∂φ into it (every model's is analytic).
/// </summary>
internal delegate double LogLikelihood(ReadOnlySpan<double> logParameters, Span<double> gradient);

/// <summary>The estimate of <see cref="MaximumLikelihood.Maximize"/>, or the failure.</summary>
internal sealed record MleResult(double[]? LogParameters, double LogLikelihood, ConvergenceReport Report, double[]? StandardErrors)
{
    public bool Converged => LogParameters is not null;

    /// <summary>Failed because a parameter runs off to 0 or ∞ rather than for want of convergence.</summary>
    public bool Degenerate { get; init; }

    /// <summary>Cov(φ) = (−H)⁻¹ of the log-parameters, the asymptotic covariance the standard errors come from; null with them.</summary>
    public double[,]? LogParameterCovariance { get; init; }
}

/// <summary>
/// Maximum likelihood in log-parameters (<c>docs/models.md</c>, "Optimizer and convergence"): from each start in turn,
/// BFGS (MathNet) on the mean negative log-likelihood; when BFGS throws or stops short, Nelder-Mead from the same
/// start and BFGS again from where it ended. An estimate is accepted only when our own check passes: the largest
/// component of the gradient of the mean log-likelihood is below <see cref="GradientTolerance"/>, and no log-parameter
/// is beyond ±<see cref="LogParameterLimit"/> (a parameter running off to 0 or ∞ means the likelihood has no interior
/// maximum). Standard errors come from the numerical Hessian of the total log-likelihood at the estimate.
/// </summary>
internal static class MaximumLikelihood
{
    public const double GradientTolerance = 1e-5;

    /// <summary>Nelder-Mead's iteration cap per start: enough to reach BFGS's basin, small enough to bound a hopeless fit.</summary>
    private const int SimplexIterations = 5_000;
    public const double LogParameterLimit = 18;

    /// <summary>
    /// How far a trial point may go before it counts as the wall: a little beyond <see cref="LogParameterLimit"/>, so a
    /// parameter running off is still seen as such, but not to e^30 and beyond, where a line search's trial steps made the
    /// Pareto/NBD's ₂F₁ sum millions of terms a customer.
    /// </summary>
    private const double SearchLimit = LogParameterLimit + 2;

    /// <summary>What a non-finite likelihood counts as: a wall the line search backs off from, whose flat gradient is no maximum.</summary>
    private const double Wall = 1e100;

    public static MleResult Maximize(LogLikelihood logLikelihood, double totalWeight, IReadOnlyList<double[]> starts)
    {
        var dimension = starts[0].Length;
        var scale = 1 / totalWeight;
        var notes = new List<string>();
        var iterations = 0;
        double[]? degenerate = null;
        double? best = null;

        // The mean negative log-likelihood and its gradient; non-finite values become a wall the line search backs off from.
        (double, Vector<double>) Objective(Vector<double> point)
        {
            var phi = point.ToArray();
            var gradient = new double[dimension];
            if (OffLimits(phi)) return (Wall, Vector<double>.Build.Dense(dimension));
            var value = logLikelihood(phi, gradient);
            if (!double.IsFinite(value) || gradient.Any(g => !double.IsFinite(g)))
                return (Wall, Vector<double>.Build.Dense(dimension));
            for (var i = 0; i < dimension; i++) gradient[i] *= -scale;
            return (-value * scale, Vector<double>.Build.Dense(gradient));
        }

        double Value(Vector<double> point)
        {
            if (OffLimits(point)) return Wall;
            var value = logLikelihood(point.ToArray(), Span<double>.Empty);
            return double.IsFinite(value) ? -value * scale : Wall;
        }

        for (var s = 0; s < starts.Count; s++)
        {
            var start = Vector<double>.Build.Dense(starts[s]);
            // BFGS from the start, stopped at the first point where RunsOff would call it running off (flat beyond the limit),
            // when that point is the best of the start so far. Beyond it BFGS only steps on in the rounding noise: on bench
            // nightly's shop, whose Pareto/NBD rises along s, β → ∞, the likelihood's s ln β terms cancel to about 1e-10 a
            // customer at β ≈ 2e8, above BFGS's own 1e-9, and it took 40 to 550 evaluations more per start: its fits at
            // 1,000,000 orders took 10 to 26 s, now 4 to 8 s (under load).
            var lowest = double.PositiveInfinity;
            var evaluations = 0;
            (double, Vector<double>) Watched(Vector<double> point)
            {
                evaluations++;
                var (value, gradient) = Objective(point);
                if (value < Wall && value <= lowest && point.Any(p => Math.Abs(p) > LogParameterLimit) && gradient.AbsoluteMaximum() < GradientTolerance)
                    throw new RanOffException(point.Clone(), evaluations);
                lowest = Math.Min(lowest, value);
                return (value, gradient);
            }
            var (point, method, detail, steps) = Bfgs(Watched, start);
            iterations += steps;
            if (point is not null && RunsOff(point, start, Objective))
            {
                // The likelihood rises towards a boundary, which Nelder-Mead's 5,000 iterations would only follow further.
                degenerate = point.ToArray();
                notes.Add($"start {s + 1} BFGS: {detail}, a parameter runs off to 0 or infinity");
                continue;
            }
            if (point is null || !Accepted(point, Objective, out _))
            {
                notes.Add($"start {s + 1} BFGS: {detail}");
                try
                {
                    var simplex = new NelderMeadSimplex(1e-12, SimplexIterations).FindMinimum(ObjectiveFunction.Value(Value), start);
                    iterations += simplex.Iterations;
                    var (polished, _, polishDetail, polishSteps) = Bfgs(Objective, simplex.MinimizingPoint);
                    iterations += polishSteps;
                    // BFGS from the simplex's end may still stop short of the tolerance; the simplex's own point then counts.
                    point = polished ?? simplex.MinimizingPoint;
                    method = "Nelder-Mead + BFGS";
                    detail = polished is null ? $"Nelder-Mead {simplex.ReasonForExit}; BFGS polish: {polishDetail}" : polishDetail;
                }
                catch (Exception e) when (e is OptimizationException or ArithmeticException or ArgumentException)
                {
                    notes.Add($"start {s + 1} Nelder-Mead: {e.Message}");
                    continue;
                }
            }

            var finite = point.All(double.IsFinite);
            var accepted = finite && Accepted(point, Objective, out var norm);
            if (accepted)
            {
                var phi = point.ToArray();
                var ll = logLikelihood(phi, Span<double>.Empty);
                var report = new ConvergenceReport(true, method, s + 1, iterations, GradientNorm(point, Objective), detail);
                var (errors, covariance) = StandardErrors(logLikelihood, phi);
                return new MleResult(phi, ll, report, errors) { LogParameterCovariance = covariance };
            }
            if (finite && point.Any(p => Math.Abs(p) > LogParameterLimit)) degenerate = point.ToArray();
            var reached = finite ? GradientNorm(point, Objective) : double.NaN;
            if (double.IsFinite(reached) && (best is null || reached < best)) best = reached;
            notes.Add($"start {s + 1} {method}: gradient {(double.IsFinite(reached) ? reached.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) : "not finite")}" +
                (degenerate is not null ? ", a parameter runs off to 0 or infinity" : ""));
        }

        var failed = new ConvergenceReport(false, "BFGS, Nelder-Mead", starts.Count, iterations, best, string.Join("; ", notes));
        return new MleResult(null, double.NaN, failed, null)
        {
            Degenerate = degenerate is not null,
        };
    }

    private static (Vector<double>? Point, string Method, string Detail, int Iterations) Bfgs(Func<Vector<double>, (double, Vector<double>)> objective,
        Vector<double> start)
    {
        try
        {
            var result = new BfgsMinimizer(1e-9, 1e-12, 1e-14, 1_000).FindMinimum(ObjectiveFunction.Gradient(objective), start);
            return (result.MinimizingPoint, "BFGS", result.ReasonForExit.ToString(), result.Iterations);
        }
        catch (Exception e) when (RanOff(e) is { } ranOff)
        {
            // Its iterations untold: the evaluations stand for them.
            return (ranOff.Point, "BFGS", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"stopped flat beyond ±{LogParameterLimit} after {ranOff.Evaluations} evaluations"), ranOff.Evaluations);
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException or ArgumentException)
        {
            return (null, "BFGS", e.Message, 0);
        }
    }

    /// <summary>The <see cref="RanOffException"/> an exception is or wraps (MathNet wraps what a line search throws), or null.</summary>
    private static RanOffException? RanOff(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is RanOffException ranOff) return ranOff;
        return null;
    }

    /// <summary>Ends a BFGS run at a point that runs off (<see cref="RunsOff"/>): MathNet's BFGS has no other way to be stopped.</summary>
    private sealed class RanOffException(Vector<double> point, int evaluations) : Exception("a parameter runs off to 0 or infinity")
    {
        public Vector<double> Point { get; } = point;

        public int Evaluations { get; } = evaluations;
    }

    /// <summary>
    /// Our check: the gradient below the tolerance, the parameters within the limit, and the likelihood finite there (a
    /// point on the wall has a zero gradient: BFGS from a start where the likelihood is not finite stops at once).
    /// </summary>
    private static bool Accepted(Vector<double> point, Func<Vector<double>, (double, Vector<double>)> objective, out double norm)
    {
        var (value, gradient) = objective(point);
        norm = gradient.AbsoluteMaximum();
        return value < Wall && norm < GradientTolerance && point.All(p => Math.Abs(p) <= LogParameterLimit);
    }

    /// <summary>
    /// Where BFGS ended, a parameter runs off: flat (finite likelihood) beyond <see cref="LogParameterLimit"/>, or on the
    /// wall more than a factor e^<see cref="RidgeLimit"/> from its start, where the search followed a rising likelihood
    /// along a ridge until the formulas failed.
    /// </summary>
    private static bool RunsOff(Vector<double> point, Vector<double> start, Func<Vector<double>, (double, Vector<double>)> objective)
    {
        if (!point.All(double.IsFinite)) return false;
        var (value, gradient) = objective(point);
        if (value >= Wall) return (point - start).AbsoluteMaximum() > RidgeLimit;
        return point.Any(p => Math.Abs(p) > LogParameterLimit) && gradient.AbsoluteMaximum() < GradientTolerance;
    }

    /// <summary>
    /// A factor of e^8 (about 3,000) from the start: our starts are the data's own rates and ages, so an estimate that far
    /// is no interior one. A Pareto/NBD of 140 customers who never churn ended so on the wall from every start (r and α
    /// in the tens of thousands, their ratio fixed), and Nelder-Mead's 5,000 iterations from each took 30 s in all.
    /// </summary>
    private const double RidgeLimit = 8;

    private static bool OffLimits(IEnumerable<double> phi) => phi.Any(p => !(Math.Abs(p) <= SearchLimit));

    private static double GradientNorm(Vector<double> point, Func<Vector<double>, (double, Vector<double>)> objective) =>
        objective(point).Item2.AbsoluteMaximum();

    /// <summary>
    /// Standard errors of θ = exp(φ) by the delta method: Cov(φ) = (−H)⁻¹ with H the Hessian of the total log-likelihood
    /// in φ (central differences of the gradient), SE(θᵢ) = θᵢ·√Cov(φ)ᵢᵢ; and Cov(φ) itself. Null when −H is not positive definite.
    /// </summary>
    private static (double[]? Errors, double[,]? Covariance) StandardErrors(LogLikelihood logLikelihood, double[] phi)
    {
        var n = phi.Length;
        var hessian = Matrix<double>.Build.Dense(n, n);
        var probe = (double[])phi.Clone();
        var up = new double[n];
        var down = new double[n];
        for (var j = 0; j < n; j++)
        {
            var h = 1e-5 * Math.Max(1, Math.Abs(phi[j]));
            probe[j] = phi[j] + h;
            logLikelihood(probe, up);
            probe[j] = phi[j] - h;
            logLikelihood(probe, down);
            probe[j] = phi[j];
            for (var i = 0; i < n; i++) hessian[i, j] = (up[i] - down[i]) / (2 * h);
        }
        var information = -0.5 * (hessian + hessian.Transpose());
        try
        {
            var cholesky = information.Cholesky();
            var covariance = cholesky.Solve(Matrix<double>.Build.DenseIdentity(n));
            var errors = new double[n];
            for (var i = 0; i < n; i++) errors[i] = Math.Exp(phi[i]) * Math.Sqrt(covariance[i, i]);
            return errors.All(double.IsFinite) ? (errors, covariance.ToArray()) : (null, null);
        }
        catch (ArgumentException)
        {
            return (null, null); // not positive definite: a flat or saddle direction, no standard error to report
        }
    }
}
