using Retention.Core.Metrics;

namespace Retention.Pipeline.Reports;

/// <summary>A key customer the shop may be losing, by their customer key (a platform id or a salted e-mail hash, never an e-mail).</summary>
/// <param name="Rank">Their place among the key customers, 1 = highest historic CLV.</param>
/// <param name="InRiskSegment">Their RFM segment is one of <see cref="AtRiskCustomers.RiskSegments"/>.</param>
/// <param name="IsChurned">No purchase for at least the churn threshold's N days: churned by the rule of <see cref="ChurnAnalysis"/>.</param>
public sealed record AtRiskCustomer(int Rank, string CustomerKey, RfmSegment Segment, int RecencyDays, DateOnly LastPurchase, int Orders,
    decimal NetRevenue, bool InRiskSegment, bool IsChurned);

/// <summary>
/// The high-value customers at risk: the key customers (top decile by historic CLV, <see cref="HistoricClv.KeyCustomers"/>)
/// whose RFM segment says they are slipping away, or who have already passed the churn threshold. Listed by rank, so
/// the most valuable come first. Churned means recency ≥ N, the same rule as the churned-customer count, so every
/// key customer counted as churned is on the list.
/// </summary>
public static class AtRiskCustomers
{
    public static IReadOnlySet<RfmSegment> RiskSegments { get; } = new HashSet<RfmSegment>
        { RfmSegment.AtRisk, RfmSegment.CantLoseThem, RfmSegment.AboutToSleep, RfmSegment.Hibernating, RfmSegment.Lost };

    public static IReadOnlyList<AtRiskCustomer> Of(RetentionFigures figures)
    {
        var scores = figures.Rfm.Customers.ToDictionary(c => c.CustomerKey, StringComparer.Ordinal);
        var churnDays = figures.Churn.Threshold.Days;
        var list = new List<AtRiskCustomer>();
        for (var i = 0; i < figures.Clv.KeyCustomers.Count; i++)
        {
            var customer = figures.Clv.KeyCustomers[i];
            if (!scores.TryGetValue(customer.CustomerKey, out var rfm)) continue;
            var inRiskSegment = RiskSegments.Contains(rfm.Segment);
            var churned = rfm.RecencyDays >= churnDays;
            if (inRiskSegment || churned)
                list.Add(new AtRiskCustomer(i + 1, customer.CustomerKey, rfm.Segment, rfm.RecencyDays, figures.AsOf.AddDays(-rfm.RecencyDays),
                    customer.Orders, customer.NetRevenue, inRiskSegment, churned));
        }
        return list;
    }
}
