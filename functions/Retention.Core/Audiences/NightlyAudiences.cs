using Retention.Core.Audiences.Uplift;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;

namespace Retention.Core.Audiences;

/// <summary>
/// A night's audiences from the night's figures: the customers as the rules read them (with their first order only
/// when a rule needs it), the shop's baseline, each audience's members against the stays of the night before, then
/// each audience's measured uplift from the purchases of everyone who ever entered one.
/// </summary>
public static class NightlyAudiences
{
    /// <param name="spend">retention spend recorded per audience (<c>spend add --audience</c>), for the measured ROI.</param>
    public static AudienceNight Compute(NightlyFigures night, OrderLedger ledger, ProductCatalog catalog, IReadOnlyList<AudienceDefinition> audiences,
        IReadOnlyList<AudienceStay> stays, HoldoutAssignment holdout, IReadOnlyDictionary<string, decimal> spend)
    {
        var firstOrders = audiences.Any(a => a.NeedsFirstOrder) ? ledger.CustomersAsOf(night.AsOf) : null;
        var customers = AudienceCustomers.Of(night, firstOrders, catalog);
        var allCustomers = night.Dimensions.TimeToSecondOrder.FirstOrDefault(t => t.FirstPurchaseMonth is null);
        var baseline = AudienceBaseline.Of(customers, allCustomers?.MedianDays);
        var tonight = AudienceNight.Compute(night.AsOf, audiences, customers, baseline, stays, holdout);
        return tonight with { Uplift = MeasureUplift(tonight, ledger, night.Retention.Clv.GrossMarginRate, holdout, spend) };
    }

    private static IReadOnlyList<AudienceUpliftRow> MeasureUplift(AudienceNight tonight, OrderLedger ledger, decimal? grossMarginRate,
        HoldoutAssignment holdout, IReadOnlyDictionary<string, decimal> spend)
    {
        if (tonight.Stays.Count == 0) return [];
        // One pass over the ledger for every audience: only the customers who ever entered one are kept.
        var entered = tonight.Stays.Select(s => s.CustomerKey).ToHashSet(StringComparer.Ordinal);
        var purchases = ledger.CustomersAsOf(tonight.AsOf).Where(c => entered.Contains(c.CustomerKey)).ToList();
        return
        [
            .. tonight.Audiences.SelectMany(a => AudienceUplift.Measure(tonight.AsOf, a.Audience.Name, tonight.Stays, holdout, purchases,
                grossMarginRate, spend.TryGetValue(a.Audience.Name, out var spent) ? spent : null)),
        ];
    }
}
