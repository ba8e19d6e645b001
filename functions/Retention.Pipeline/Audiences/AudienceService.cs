using Retention.Core.Audiences;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;
using Retention.Core.Shops;
using Retention.Pipeline.Shops;

namespace Retention.Pipeline.Audiences;

/// <summary>
/// A shop's audiences for a night (<c>docs/audiences.md</c>): reads its own audiences and the stays of the night
/// before, computes tonight's members, entered and left (<see cref="NightlyAudiences"/>), and, once the night is
/// stored, saves tonight's stays. The holdout is keyed with the shop's customer-id salt, so a shop without
/// credentials has no audiences.
/// </summary>
public sealed class AudienceService(AudienceTable audiences, AudienceStayStore stays, ShopCredentialStore credentials)
{
    /// <summary>
    /// The shop's audiences and the stays of the night before <paramref name="asOf"/>, read before the ledger so that what
    /// they need of it is taken with the rest (<see cref="AudiencePlan.ReadLedger"/>); null for a shop without credentials.
    /// </summary>
    public async Task<AudiencePlan?> PlanAsync(Shop shop, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (credentials.Find(shop.Id) is not { } secrets) return null;
        var definitions = await audiences.ReadAsync(shop.Id, cancellationToken);
        var before = await stays.ReadBeforeAsync(shop.Id, asOf, cancellationToken);
        return new AudiencePlan(definitions, before, new HoldoutAssignment(secrets.CustomerIdSalt, shop.RetentionSettings.AudienceControlShare));
    }

    /// <param name="spend">retention spend recorded per audience, for the measured ROI.</param>
    public async Task<AudienceNight> ComputeAsync(Shop shop, OrderLedger ledger, ProductCatalog catalog, NightlyFigures night,
        IReadOnlyDictionary<string, decimal> spend, CancellationToken cancellationToken) =>
        await PlanAsync(shop, night.AsOf, cancellationToken) is { } plan
            ? Compute(plan, plan.ReadLedger(ledger, night.AsOf), catalog, night, spend)
            : AudienceNight.Empty(night.AsOf);

    /// <summary>Tonight's audiences from what was read of the ledger before it was let go; none without a plan (no credentials).</summary>
    public static AudienceNight Compute(AudiencePlan? plan, AudienceLedgerFacts fromLedger, ProductCatalog catalog, NightlyFigures night,
        IReadOnlyDictionary<string, decimal> spend) =>
        plan is null ? AudienceNight.Empty(night.AsOf) : NightlyAudiences.Compute(night, fromLedger, catalog, plan.Definitions, plan.Before, plan.Holdout, spend);

    /// <summary>Keeps tonight's stays: the commit of the audiences' night, after its datasets are stored.</summary>
    public Task SaveAsync(string shopId, AudienceNight night, CancellationToken cancellationToken) =>
        night.Audiences.Count == 0 ? Task.CompletedTask : stays.SaveAsync(shopId, night.AsOf, night.Stays, cancellationToken);
}
