using Retention.Core.Audiences;

namespace Retention.Core.Datasets;

/// <summary>
/// The full membership of every audience for the night, for tools that bulk-load lists (<c>docs/audiences.md</c>):
/// a member's ids, arm, when their stay began and the figures that put them there. Names customers by key and platform
/// id only, so an erasure cuts it like <c>customers</c>. The table keeps the night's entrants (every member every night
/// is for the files).
/// </summary>
public static class AudienceMembersDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<(AudienceMember Member, bool Entered)>("audience_members",
        "member of an audience", "snapshotaudiencemembers",
        night => night.Audiences.Audiences.SelectMany(a => a.Members.Select(m => (m, m.EnteredOn == night.AsOf))),
        c => c
            .Text("audience", r => r.Member.Audience)
            .Text("customer_key", r => r.Member.CustomerKey)
            .Text("platform_customer_id", r => r.Member.Customer?.PlatformCustomerId)
            .Text("arm", r => r.Member.Arm == HoldoutArm.Control ? "control" : "treated")
            .Date("entered_on", r => r.Member.EnteredOn)
            .Text("entered_tonight", r => r.Entered ? "yes" : null)
            .Int("orders", r => r.Member.Customer?.Orders)
            .Int("days_since_last_order", r => r.Member.Customer?.DaysSinceLastOrder)
            .Decimal("historic_clv", r => r.Member.Customer?.HistoricClv)
            .Double("predicted_clv", r => r.Member.Customer?.PredictedClv)
            .Double("p_alive", r => r.Member.Customer?.ProbabilityAlive)
            .Text("churn_risk", r => r.Member.Customer?.ChurnRisk)
            .Text("segment", r => r.Member.Customer?.Segment),
        key: ["audience", "customer_key"], tableKeepsRowsWith: "entered_tonight");
}
