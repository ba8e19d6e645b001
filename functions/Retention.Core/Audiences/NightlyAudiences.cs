using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;

namespace Retention.Core.Audiences;

/// <summary>
/// A night's audiences from the night's figures: the customers as the rules read them (with their first order only
/// when a rule needs it), the shop's baseline, then each audience's members against the stays of the night before.
/// </summary>
public static class NightlyAudiences
{
    public static AudienceNight Compute(NightlyFigures night, OrderLedger ledger, ProductCatalog catalog, IReadOnlyList<AudienceDefinition> audiences,
        IReadOnlyList<AudienceStay> stays, HoldoutAssignment holdout)
    {
        var firstOrders = audiences.Any(a => a.NeedsFirstOrder) ? ledger.CustomersAsOf(night.AsOf) : null;
        var customers = AudienceCustomers.Of(night, firstOrders, catalog);
        var allCustomers = night.Dimensions.TimeToSecondOrder.FirstOrDefault(t => t.FirstPurchaseMonth is null);
        var baseline = AudienceBaseline.Of(customers, allCustomers?.MedianDays);
        return AudienceNight.Compute(night.AsOf, audiences, customers, baseline, stays, holdout);
    }
}
