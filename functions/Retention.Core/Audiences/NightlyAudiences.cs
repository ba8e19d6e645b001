using Retention.Core.Audiences.Uplift;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;

namespace Retention.Core.Audiences;

/// <summary>
/// A night's audiences from the night's figures: the customers as the rules read them (with their first order only
/// when a rule needs it), the shop's baseline, each audience's members against the stays of the night before, then
/// each audience's measured uplift from the purchases of everyone who entered one before tonight (<see cref="AudienceLedgerFacts"/>).
/// </summary>
public static class NightlyAudiences
{
    /// <param name="spend">retention spend recorded per audience (<c>spend add --audience</c>), for the measured ROI.</param>
    public static AudienceNight Compute(NightlyFigures night, OrderLedger ledger, ProductCatalog catalog, IReadOnlyList<AudienceDefinition> audiences,
        IReadOnlyList<AudienceStay> stays, HoldoutAssignment holdout, IReadOnlyDictionary<string, decimal> spend) =>
        Compute(night, AudienceLedgerFacts.Of(ledger, night.AsOf, audiences, stays), catalog, audiences, stays, holdout, spend);

    /// <param name="fromLedger">what the audiences read of the ledger, taken before it was let go.</param>
    /// <param name="spend">retention spend recorded per audience (<c>spend add --audience</c>), for the measured ROI.</param>
    public static AudienceNight Compute(NightlyFigures night, AudienceLedgerFacts fromLedger, ProductCatalog catalog, IReadOnlyList<AudienceDefinition> audiences,
        IReadOnlyList<AudienceStay> stays, HoldoutAssignment holdout, IReadOnlyDictionary<string, decimal> spend)
    {
        var customers = AudienceCustomers.Of(night, fromLedger.FirstOrders, catalog);
        var allCustomers = night.Dimensions.TimeToSecondOrder.FirstOrDefault(t => t.FirstPurchaseMonth is null);
        var baseline = AudienceBaseline.Of(customers, allCustomers?.MedianDays);
        var tonight = AudienceNight.Compute(night.AsOf, audiences, customers, baseline, stays, holdout);
        return tonight with { Uplift = MeasureUplift(tonight, fromLedger.EnteredBefore, night.Retention.Clv.GrossMarginRate, holdout, spend) };
    }

    private static IReadOnlyList<AudienceUpliftRow> MeasureUplift(AudienceNight tonight, IReadOnlyList<CustomerPurchases> purchases, decimal? grossMarginRate,
        HoldoutAssignment holdout, IReadOnlyDictionary<string, decimal> spend)
    {
        if (tonight.Stays.Count == 0) return [];
        return
        [
            .. tonight.Audiences.SelectMany(a => AudienceUplift.Measure(tonight.AsOf, a.Audience.Name, tonight.Stays, holdout, purchases,
                grossMarginRate, spend.TryGetValue(a.Audience.Name, out var spent) ? spent : null)),
        ];
    }
}
