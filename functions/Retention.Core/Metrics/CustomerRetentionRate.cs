namespace Retention.Core.Metrics;

/// <summary>
/// The customer retention rate of one month, (E − N) / S (<c>docs/metrics.md</c>, "Customer retention rate"):
/// of the customers active at the start, the share still (or again) active at the end, new customers aside.
/// </summary>
/// <param name="Rate">(ActiveAtEnd − NewCustomers) / ActiveAtStart; null when nobody was active at the start.</param>
public sealed record RetentionMonth(DateOnly Month, bool IsPartial, int ActiveAtStart, int ActiveAtEnd, int NewCustomers, decimal? Rate);

/// <summary>Reads the retention rate off the churn months, so both rest on the same notion of "active".</summary>
public static class CustomerRetentionRate
{
    public static IReadOnlyList<RetentionMonth> Monthly(ChurnAnalysis churn) =>
        [.. churn.Months.Select(m => new RetentionMonth(m.Month, m.IsPartial, m.ActiveAtStart, m.ActiveAtEnd, m.NewCustomers,
            Ratio.Of(m.ActiveAtEnd - m.NewCustomers, m.ActiveAtStart)))];
}
