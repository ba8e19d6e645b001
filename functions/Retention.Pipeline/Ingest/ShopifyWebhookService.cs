using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Webhooks;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// A shop's Shopify connection, supplied by the caller from app settings
/// (<c>Shops__{id}__ShopifyDomain</c>, <c>Shops__{id}__ShopifySecret</c>, <c>Shops__{id}__ShopifyPreviousSecret</c>).
/// </summary>
/// <param name="ShopDomain">the shop's <c>*.myshopify.com</c> domain, as Shopify sends it in <c>X-Shopify-Shop-Domain</c>.</param>
/// <param name="Secret">the app's client secret (the key of <c>X-Shopify-Hmac-Sha256</c>).</param>
/// <param name="PreviousSecret">the secret being rotated out, accepted too until it is removed; null otherwise.</param>
public sealed record ShopifySettings(string ShopDomain, string Secret, string? PreviousSecret);

/// <summary>The <c>X-Shopify-*</c> headers of one delivery, as received (null when absent).</summary>
public sealed record ShopifyHeaders(string? Topic, string? Hmac, string? ShopDomain, string? WebhookId,
    string? EventId = null, string? TriggeredAt = null, string? ApiVersion = null);

/// <summary>
/// Accepts one Shopify webhook delivery. Checks, in this order: the shop and its Shopify settings exist (else 404);
/// the HMAC verifies with the current or previous secret (else 401); <c>X-Shopify-Topic</c>, <c>-Shop-Domain</c> and
/// <c>-Webhook-Id</c> are present (else 400 naming the header); the shop domain is the registered one (else 401: a
/// delivery signed with the app's secret but meant for another shop is not authenticated for this one). Then by topic:
/// an order topic is normalized (else 400 naming the field), archived redacted once under
/// <c>{shop}/shopify/{escaped webhook id}</c> and queued as an <see cref="OrderEventMessage"/> with platform
/// <c>shopify</c> (202; a redelivery of the same webhook id is accepted and changes nothing); every other topic is
/// answered 200 and logged, with nothing stored. Storage trouble is a 503 with Retry-After, so Shopify retries.
/// </summary>
public sealed class ShopifyWebhookService(
    ShopDirectory shops,
    ShopCredentialStore credentials,
    ClaimCheck claimCheck,
    TimeProvider clock,
    ILogger<ShopifyWebhookService> logger)
{
    /// <summary>Topics acknowledged after a valid HMAC but not handled yet (GDPR compliance and deletes come later).</summary>
    public static readonly IReadOnlySet<string> NotYetHandledTopics = new HashSet<string>(StringComparer.Ordinal)
    {
        "orders/delete", "customers/data_request", "customers/redact", "shop/redact", "orders/edited", ShopifyRefundNormalizer.Topic,
    };

    public async Task<IngestOutcome> AcceptAsync(string shopId, ShopifyHeaders headers, ReadOnlyMemory<byte> body,
        ShopifySettings? settings, CancellationToken cancellationToken)
    {
        try
        {
            if (settings is null || string.IsNullOrEmpty(settings.Secret)) return IngestOutcome.UnknownShop(shopId);
            var shop = await shops.FindAsync(shopId, cancellationToken);
            var secrets = shop is null ? null : credentials.Find(shop.Id);
            if (shop is null || secrets is null) return IngestOutcome.UnknownShop(shopId);

            var verification = ShopifySignature.Verify(headers.Hmac, body.Span, settings.Secret, settings.PreviousSecret);
            if (!verification.IsValid) return IngestOutcome.Unauthorized(verification.Reason);

            if (string.IsNullOrWhiteSpace(headers.Topic)) return MissingHeader(ShopifySignature.TopicHeader);
            if (string.IsNullOrWhiteSpace(headers.ShopDomain)) return MissingHeader(ShopifySignature.ShopDomainHeader);
            if (string.IsNullOrWhiteSpace(headers.WebhookId)) return MissingHeader(ShopifySignature.WebhookIdHeader);
            if (!WebhookEventId.IsValid(headers.WebhookId))
                return IngestOutcome.BadRequest(ShopifySignature.WebhookIdHeader, $"must be 1 to {WebhookEventId.MaxLength} printable ASCII characters");
            if (NormalizeDomain(headers.ShopDomain) != NormalizeDomain(settings.ShopDomain))
                return IngestOutcome.Unauthorized($"the delivery is for the shop domain '{Printable(headers.ShopDomain) ?? "?"}', not this shop's");

            var topic = headers.Topic.Trim();
            var webhookId = headers.WebhookId;
            if (!ShopifyOrderNormalizer.OrderTopics.Contains(topic))
            {
                if (NotYetHandledTopics.Contains(topic))
                    logger.LogInformation("Shopify topic {Topic} for shop {Shop} (webhook {Webhook}) is not handled yet; answered 200",
                        Printable(topic), shop.Id, webhookId);
                else
                    logger.LogWarning("Shopify topic {Topic} for shop {Shop} (webhook {Webhook}) is not one this pipeline reads; answered 200",
                        Printable(topic), shop.Id, webhookId);
                return new IngestOutcome(200, "not stored", $"topic '{Printable(topic)}' is not stored", EventId: webhookId);
            }

            var context = new ShopContext(shop.Id, shop.Currency, secrets.CustomerIdSalt);
            var normalized = ShopifyOrderNormalizer.Normalize(body, context, webhookId);
            if (normalized.Problem is { } problem) return IngestOutcome.Invalid(problem);
            var archived = ShopifyEventRedactor.Redact(body.Span, normalized.Order!);

            var receivedAt = clock.GetUtcNow();
            var metadata = new Dictionary<string, string> { ["topic"] = Printable(topic) ?? "" };
            if (Printable(headers.EventId) is { } eventId) metadata["shopifyeventid"] = eventId;
            if (Printable(headers.TriggeredAt) is { } triggeredAt) metadata["shopifytriggeredat"] = triggeredAt;
            if (Printable(headers.ApiVersion) is { } apiVersion) metadata["shopifyapiversion"] = apiVersion;

            return await claimCheck.AcceptAsync(shop.Id, ShopifyOrderNormalizer.Platform, webhookId, archived, receivedAt, metadata,
                cancellationToken);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
        {
            logger.LogWarning(e, "Storage unavailable while accepting a Shopify webhook for shop {Shop}; answered 503", shopId);
            return IngestOutcome.StorageUnavailable();
        }
    }

    private static IngestOutcome MissingHeader(string name) => IngestOutcome.BadRequest(name, "the header is missing");

    /// <summary>"https://Shop.myshopify.com/" and "shop.myshopify.com" are the same shop.</summary>
    public static string NormalizeDomain(string domain)
    {
        var text = domain.Trim().ToLowerInvariant();
        if (text.StartsWith("https://", StringComparison.Ordinal)) text = text["https://".Length..];
        else if (text.StartsWith("http://", StringComparison.Ordinal)) text = text["http://".Length..];
        return text.TrimEnd('/');
    }

    /// <summary>A header value safe for blob metadata and logs (printable ASCII, bounded), else null.</summary>
    private static string? Printable(string? value) =>
        value is { Length: > 0 and <= 256 } && value.All(c => c is >= ' ' and < (char)127) ? value.Trim() : null;
}
