using Retention.Core.Shops;
using Retention.Core.Webhooks;
using Retention.Pipeline.Shops;

namespace Retention.Pipeline.Ingest;

/// <summary>A request whose shop is registered and whose Standard Webhooks signature verified with that shop's secret.</summary>
public sealed record VerifiedShopRequest(Shop Shop, ShopCredentials Credentials, string EventId);

/// <summary>
/// The checks every signed route makes before it reads the body: the shop exists and has a secret (else 404),
/// the signature and timestamp verify with that shop's secret (else 401: a request signed for another shop
/// never gets in), and the delivery id is usable as a key (else 400).
/// </summary>
public sealed class SignedShopRequest(ShopDirectory shops, ShopCredentialStore credentials, TimeProvider clock)
{
    public async Task<(VerifiedShopRequest? Request, IngestOutcome? Refusal)> VerifyAsync(string shopId, WebhookHeaders headers,
        ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var shop = await shops.FindAsync(shopId, cancellationToken);
        var secrets = shop is null ? null : credentials.Find(shop.Id);
        if (shop is null || secrets is null) return (null, IngestOutcome.UnknownShop(shopId));

        var verification = StandardWebhookSignature.Verify(secrets.WebhookSecret, headers.Id, headers.Timestamp,
            headers.Signature, body.Span, clock.GetUtcNow());
        if (!verification.IsValid) return (null, IngestOutcome.Unauthorized(verification.Reason));
        if (!WebhookEventId.IsValid(headers.Id))
            return (null, IngestOutcome.BadRequest(StandardWebhookSignature.IdHeader, $"must be 1 to {WebhookEventId.MaxLength} printable ASCII characters"));
        return (new VerifiedShopRequest(shop, secrets, headers.Id!), null);
    }
}
