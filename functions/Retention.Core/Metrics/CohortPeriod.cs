namespace Retention.Core.Metrics;

/// <summary>The calendar unit of a cohort: the month, or the ISO week (Monday to Sunday).</summary>
public enum CohortPeriod
{
    Month,
    Week,
}
