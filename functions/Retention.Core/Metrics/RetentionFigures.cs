namespace Retention.Core.Metrics;

/// <summary>
/// Every retention figure of one shop as of one day, as the nightly snapshot stores them (<c>docs/metrics.md</c>).
/// Money is net of refunds, in the shop's currency; days are the shop's local days.
/// </summary>
/// <param name="Lifetime">Purchase behaviour from the first purchase to the as-of day.</param>
/// <param name="Months">Purchase behaviour per calendar month, from the month of the first purchase to the as-of month.</param>
/// <param name="Retention">The customer retention rate per month, aligned with <see cref="ChurnAnalysis.Months"/>.</param>
public sealed record RetentionFigures(
    DateOnly AsOf,
    RetentionSettings Settings,
    PeriodFigures Lifetime,
    IReadOnlyList<PeriodFigures> Months,
    CohortMatrix MonthlyCohorts,
    CohortMatrix WeeklyCohorts,
    ChurnAnalysis Churn,
    IReadOnlyList<RetentionMonth> Retention,
    HistoricClv Clv,
    RfmSegmentation Rfm);
