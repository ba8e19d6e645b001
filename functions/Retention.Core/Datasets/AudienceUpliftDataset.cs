using Retention.Core.Audiences.Uplift;

namespace Retention.Core.Datasets;

/// <summary>
/// Did contacting an audience work (<c>docs/audiences.md</c>, "Measured uplift"): per audience, entry cohort (or all
/// measured cohorts pooled) and window, each arm's members and reorders, the uplift treated − control with its 95 %
/// interval, and on the 90-day rows the revenue per member, the incremental revenue and the return on the audience's spend.
/// </summary>
public static class AudienceUpliftDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<AudienceUpliftRow>("audience_uplift",
        "audience, entry cohort (plus `all` for every measured cohort) and window", "snapshotaudienceuplift",
        night => night.Audiences.Uplift,
        c => c
            .Text("audience", r => r.Audience)
            .Text("cohort", r => r.Cohort)
            .Date("cohort_start", r => r.CohortStart)
            .Int("window_days", r => r.WindowDays)
            .Text("status", r => r.Status switch { UpliftStatus.TooEarly => "too early", UpliftStatus.TooFew => "too few", _ => "measured" })
            .Text("verdict", r => r.Verdict)
            .Date("measurable_on", r => r.MeasurableOn)
            .Int("treated_members", r => r.TreatedMembers)
            .Int("control_members", r => r.ControlMembers)
            .Int("treated_reordered", r => r.Reorders?.TreatedReordered)
            .Int("control_reordered", r => r.Reorders?.ControlReordered)
            .Decimal("treated_reorder_rate", r => r.Reorders?.TreatedShare)
            .Decimal("control_reorder_rate", r => r.Reorders?.ControlShare)
            .Decimal("uplift", r => r.Reorders?.Uplift)
            .Decimal("uplift_low", r => r.Reorders?.UpliftLow)
            .Decimal("uplift_high", r => r.Reorders?.UpliftHigh)
            .Decimal("treated_revenue_per_member", r => r.Revenue?.TreatedPerMember)
            .Decimal("control_revenue_per_member", r => r.Revenue?.ControlPerMember)
            .Decimal("incremental_revenue", r => r.Revenue?.IncrementalRevenue)
            .Decimal("incremental_revenue_low", r => r.Revenue?.IncrementalRevenueLow)
            .Decimal("incremental_revenue_high", r => r.Revenue?.IncrementalRevenueHigh)
            .Decimal("spend", r => r.Revenue?.Spend)
            .Decimal("roi", r => r.Revenue?.Roi)
            .Decimal("roi_low", r => r.Revenue?.RoiLow)
            .Decimal("roi_high", r => r.Revenue?.RoiHigh),
        key: ["audience", "cohort", "window_days"]);
}
