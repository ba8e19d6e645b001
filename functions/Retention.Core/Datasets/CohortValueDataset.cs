using Retention.Core.Metrics;

namespace Retention.Core.Datasets;

/// <summary>Historic CLV by monthly cohort: what the customers acquired in a month have brought so far.</summary>
public static class CohortValueDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<CohortValue>("cohort_value", "monthly cohort", "snapshotcohortvalue",
        night => night.Retention.Clv.Cohorts,
        c => c
            .Month("cohort", v => v.Cohort)
            .Int("customers", v => v.Customers)
            .Decimal("net_revenue", v => v.NetRevenue)
            .Decimal("average_net_revenue", v => v.AverageNetRevenue)
            .Decimal("average_gross_margin", v => v.AverageGrossMargin),
        key: ["cohort"]);
}
