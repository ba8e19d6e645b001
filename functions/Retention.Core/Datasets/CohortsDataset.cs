using Retention.Core.Metrics;

namespace Retention.Core.Datasets;

/// <summary>The cohort triangles, monthly and weekly: one row per cohort and period since its first purchase.</summary>
public static class CohortsDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<(CohortPeriod Period, Cohort Cohort, CohortCell Cell)>(
        "cohorts", "cohort and period since acquisition, monthly and weekly", "snapshotcohorts",
        night => new[] { night.Retention.MonthlyCohorts, night.Retention.WeeklyCohorts }
            .SelectMany(matrix => matrix.Cohorts.SelectMany(cohort => cohort.Cells.Select(cell => (matrix.Period, cohort, cell)))),
        c => c
            .Text("period", r => r.Period == CohortPeriod.Month ? "month" : "week")
            .Text("cohort", r => r.Cohort.Label)
            .Date("cohort_start", r => r.Cohort.Start)
            .Int("cohort_size", r => r.Cohort.Size)
            .Int("periods_since_acquisition", r => r.Cell.PeriodsSinceAcquisition)
            .Date("period_start", r => r.Cell.PeriodStart)
            .Int("active_customers", r => r.Cell.ActiveCustomers)
            .Decimal("active_share", r => r.Cell.ActiveShare)
            .Decimal("net_revenue", r => r.Cell.NetRevenue)
            .Decimal("revenue_versus_first_period", r => r.Cell.RevenueVersusFirstPeriod)
            .Boolean("is_partial", r => r.Cell.IsPartial),
        key: ["period", "cohort_start", "periods_since_acquisition"]);
}
