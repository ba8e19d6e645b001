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
    /// <param name="spend">retention spend recorded per audience, for the measured ROI.</param>
    public async Task<AudienceNight> ComputeAsync(Shop shop, OrderLedger ledger, ProductCatalog catalog, NightlyFigures night,
        IReadOnlyDictionary<string, decimal> spend, CancellationToken cancellationToken)
    {
        if (credentials.Find(shop.Id) is not { } secrets) return AudienceNight.Empty(night.AsOf);
        var definitions = await audiences.ReadAsync(shop.Id, cancellationToken);
        var before = await stays.ReadBeforeAsync(shop.Id, night.AsOf, cancellationToken);
        return NightlyAudiences.Compute(night, ledger, catalog, definitions, before,
            new HoldoutAssignment(secrets.CustomerIdSalt, shop.RetentionSettings.AudienceControlShare), spend);
    }

    /// <summary>Keeps tonight's stays: the commit of the audiences' night, after its datasets are stored.</summary>
    public Task SaveAsync(string shopId, AudienceNight night, CancellationToken cancellationToken) =>
        night.Audiences.Count == 0 ? Task.CompletedTask : stays.SaveAsync(shopId, night.AsOf, night.Stays, cancellationToken);
}
