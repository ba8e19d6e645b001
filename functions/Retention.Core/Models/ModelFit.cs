namespace Retention.Core.Models;

/// <summary>Why a model has no parameters to offer (<c>docs/models.md</c>, "Insufficient data").</summary>
public enum NotFittedReason
{
    /// <summary>Fewer customers than <see cref="FitRequirements.MinimumCustomers"/>.</summary>
    TooFewCustomers,

    /// <summary>Fewer repeat buyers (Gamma-Gamma: with positive mean spend) than <see cref="FitRequirements.MinimumRepeatBuyers"/>.</summary>
    TooFewRepeatBuyers,

    /// <summary>The oldest customer's first purchase is more recent than <see cref="FitRequirements.MinimumHistoryDays"/>.</summary>
    TooShortHistory,

    /// <summary>No start and no fallback reached a point where the gradient vanishes.</summary>
    NoConvergence,

    /// <summary>The likelihood keeps rising towards a boundary (a parameter → 0 or ∞), or the estimate is unusable (Gamma-Gamma q ≤ 1).</summary>
    DegenerateEstimate,
}

/// <summary>Why a fit was refused or failed, in words a shop owner can act on.</summary>
public sealed record FitFailure(NotFittedReason Reason, string Message);

/// <summary>One estimated parameter; the standard error is null when the Hessian at the estimate is not negative definite.</summary>
public sealed record ModelParameter(string Name, double Value, double? StandardError);

/// <summary>
/// How the optimizer ended (<c>docs/models.md</c>, "Optimizer and convergence"): <see cref="Converged"/> is our own
/// check, not the optimizer's word: the gradient of the mean log-likelihood in log-parameters is below
/// <see cref="MaximumLikelihood.GradientTolerance"/> and every parameter is finite and away from 0 and ∞.
/// </summary>
/// <param name="Method">The optimizer that produced the estimate: "BFGS" or "Nelder-Mead + BFGS".</param>
/// <param name="Starts">Start points tried, the successful one included.</param>
/// <param name="GradientNorm">Largest absolute component of that gradient at the estimate (the best point reached when none was accepted; null when none was finite).</param>
/// <param name="Detail">The optimizer's exit reason, or what went wrong at each start.</param>
public sealed record ConvergenceReport(bool Converged, string Method, int Starts, int Iterations, double? GradientNorm, string Detail);

/// <summary>
/// The result of fitting one model: the model and its estimates, or the reason there is none. Never a model with
/// nonsense parameters: a fit that did not converge has <see cref="Model"/> null and says why.
/// </summary>
/// <param name="Customers">Customers the fit used (Gamma-Gamma: the repeat buyers with positive mean spend).</param>
/// <param name="Observations">Distinct rows the likelihood was evaluated on (triples; Gamma-Gamma: customers).</param>
/// <param name="Excluded">Customers the model's rules left out although they had the data (Gamma-Gamma: repeat buyers whose mean spend is ≤ 0).</param>
public sealed record ModelFit<TModel>(string ModelName, TModel? Model, FitFailure? Failure, IReadOnlyList<ModelParameter> Parameters,
    double? LogLikelihood, ConvergenceReport? Convergence, int Customers, int Observations, int Excluded = 0)
    where TModel : class
{
    public bool IsFitted => Model is not null;

    /// <summary>
    /// The asymptotic covariance of the log-parameters (ln θ, in <see cref="Parameters"/>' order), (−H)⁻¹ at the estimate;
    /// null when the standard errors are. What the forecast's intervals draw parameters from (<see cref="ForecastIntervals"/>).
    /// </summary>
    public double[,]? LogParameterCovariance { get; init; }

    internal static ModelFit<TModel> Refused(string name, NotFittedReason reason, string message, int customers, int observations, int excluded = 0) =>
        new(name, null, new FitFailure(reason, message), [], null, null, customers, observations, excluded);

    internal static ModelFit<TModel> Refused(PurchaseModelChecks.Refusal refusal) =>
        Refused(refusal.Model, refusal.Reason, refusal.Message, refusal.Customers, refusal.Observations);
}

/// <summary>
/// The least data a fit needs before its estimates mean anything (<c>docs/models.md</c>, "Insufficient data").
/// The defaults are deliberately low: they refuse what cannot be estimated, and leave judging precision to the
/// standard errors and the holdout check.
/// </summary>
/// <param name="MinimumCustomers">Customers in the calibration period (default 50).</param>
/// <param name="MinimumRepeatBuyers">Customers with x ≥ 1 (Gamma-Gamma: with positive mean spend; default 10): without repeat
/// purchases the dropout process cannot be told from the purchase rate.</param>
/// <param name="MinimumHistoryDays">Days from the oldest customer's first purchase to the calibration end (default 90): a
/// shorter history shows no one's rhythm, let alone their dropping out.</param>
public sealed record FitRequirements(int MinimumCustomers = 50, int MinimumRepeatBuyers = 10, double MinimumHistoryDays = 90)
{
    public static FitRequirements Default { get; } = new();
}
