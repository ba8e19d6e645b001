using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Webhooks;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Ingest;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Shopify;

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
/// Accepts one Shopify webhook delivery. Checks, in this order: the shop's Shopify settings and secrets exist (else 404);
/// the HMAC verifies with the current or previous secret (else 401); <c>X-Shopify-Topic</c>, <c>-Shop-Domain</c> and
/// <c>-Webhook-Id</c> are present (else 400 naming the header); the shop domain is the registered one (else 401: a
/// delivery signed with the app's secret but meant for another shop is not authenticated for this one). Then by topic
/// (<c>docs/shopify.md</c>): each body is validated (else 400 naming the field), archived without personal data once
/// under <c>{shop}/{platform}/{escaped webhook id}</c> and queued for the processor, which does the work; nothing but
/// those two writes happens here, so Shopify gets its answer well within its 5 seconds. A redelivery of the same
/// webhook id is accepted and changes nothing. Storage trouble is a 503 with Retry-After, so Shopify retries.
/// </summary>
public sealed partial class ShopifyWebhookService(
    ShopDirectory shops,
    ShopCredentialStore credentials,
    ClaimCheck claimCheck,
    TimeProvider clock,
    ILogger<ShopifyWebhookService> logger)
{
    public async Task<IngestOutcome> AcceptAsync(string shopId, ShopifyHeaders headers, ReadOnlyMemory<byte> body,
        ShopifySettings? settings, CancellationToken cancellationToken)
    {
        try
        {
            if (settings is null || string.IsNullOrEmpty(settings.Secret)) return IngestOutcome.UnknownShop(shopId);
            var shop = await shops.FindAsync(shopId, cancellationToken);
            var secrets = ShopId.IsValid(shopId) ? credentials.Find(shopId) : null;
            if (secrets is null) return IngestOutcome.UnknownShop(shopId);

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
            if (shop is null)
            {
                // An erased shop (shop/redact removes its row) or one never registered here: no data of it is held, so a
                // compliance request is answered as done; anything else is for a shop this pipeline does not know.
                if (!ShopifyPrivacyTopics.All.Contains(topic)) return IngestOutcome.UnknownShop(shopId);
                LogShopNotRegistered(logger, topic, shopId, headers.WebhookId);
                return new IngestOutcome(200, "nothing held", $"no data of shop '{shopId}' is held here", EventId: headers.WebhookId);
            }

            var delivery = new Delivery(new ShopContext(shop.Id, shop.Currency, secrets.CustomerIdSalt), topic, headers.WebhookId, body,
                clock.GetUtcNow(), Metadata(topic, headers));
            if (ShopifyOrderNormalizer.OrderTopics.Contains(topic)) return await AcceptOrderAsync(delivery, cancellationToken);
            if (ShopifyPrivacyTopics.All.Contains(topic)) return await AcceptPrivacyRequestAsync(delivery, settings, cancellationToken);
            if (ShopifyProductNormalizer.Topics.Contains(topic)) return await AcceptProductAsync(delivery, cancellationToken);
            return topic switch
            {
                ShopifyRefundNormalizer.Topic => await AcceptRefundAsync(delivery, cancellationToken),
                ShopifyOrderDeletion.Topic => await AcceptDeletionAsync(delivery, cancellationToken),
                ShopifyOrderEditReader.Topic => AcknowledgeEdit(delivery),
                _ => Ignore(delivery),
            };
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
        {
            LogStorageUnavailable(logger, e, shopId);
            return IngestOutcome.StorageUnavailable();
        }
    }

    /// <summary>One verified delivery on its way to the claim check.</summary>
    private sealed record Delivery(ShopContext Shop, string Topic, string WebhookId, ReadOnlyMemory<byte> Body, DateTimeOffset ReceivedAt,
        IReadOnlyDictionary<string, string> Metadata);

    /// <summary>An order's full state (orders/create, updated, paid, cancelled, fulfilled, partially_fulfilled).</summary>
    private async Task<IngestOutcome> AcceptOrderAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var normalized = ShopifyOrderNormalizer.Normalize(delivery.Body, delivery.Shop, delivery.WebhookId);
        if (normalized.Problem is { } problem) return IngestOutcome.Invalid(problem);
        return await ArchiveAsync(delivery, ShopifyOrderNormalizer.EventKind, ShopifyEventRedactor.Redact(delivery.Body.Span, normalized.Order!),
            cancellationToken);
    }

    /// <summary>refunds/create: one refund, applied to the stored order by the processor (or held until it is stored).</summary>
    private async Task<IngestOutcome> AcceptRefundAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var normalized = ShopifyRefundNormalizer.Normalize(delivery.Body, delivery.Shop, delivery.WebhookId);
        if (normalized.Problem is { } problem) return IngestOutcome.Invalid(problem);
        return await ArchiveAsync(delivery, ShopifyRefundNormalizer.EventKind, ShopifyRefundNormalizer.Redact(delivery.Body.Span), cancellationToken);
    }

    /// <summary>orders/delete: <c>{"id": N}</c>; the processor deletes the stored order.</summary>
    private async Task<IngestOutcome> AcceptDeletionAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var (archived, problem) = ShopifyOrderDeletion.Prepare(delivery.Body);
        if (problem is not null) return IngestOutcome.Invalid(problem);
        return await ArchiveAsync(delivery, ShopifyOrderDeletion.EventKind, archived!, cancellationToken);
    }

    /// <summary>
    /// products/create, update, delete: archived as the catalog's record of the product (id, title, type, vendor, time;
    /// never the description or images); the processor stores it in the shop's catalog (<c>docs/products.md</c>).
    /// </summary>
    private async Task<IngestOutcome> AcceptProductAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var (change, problem) = ShopifyProductNormalizer.Normalize(delivery.Topic, delivery.Body, delivery.ReceivedAt);
        if (problem is not null) return IngestOutcome.Invalid(problem);
        return await ArchiveAsync(delivery, ShopifyProductNormalizer.EventKind, change!.ToArchive(), cancellationToken);
    }

    /// <summary>
    /// orders/edited lists what changed, not the order's new totals; the orders/updated Shopify sends for the same
    /// edit carries them and is stored. So the body is only checked and the edit logged.
    /// </summary>
    private IngestOutcome AcknowledgeEdit(Delivery delivery)
    {
        var (edit, problem) = ShopifyOrderEditReader.Read(delivery.Body);
        if (problem is not null) return IngestOutcome.Invalid(problem);
        LogOrderEdited(logger, delivery.Shop.ShopId, edit!.OrderId, edit.EditId, delivery.WebhookId);
        return new IngestOutcome(200, "not stored", $"order {edit.OrderId} edited: the orders/updated that follows carries its new state",
            EventId: delivery.WebhookId);
    }

    /// <summary>
    /// customers/data_request, customers/redact, shop/redact: the request (without the e-mail or phone) is archived
    /// and queued; the processor exports or erases and records it in the privacy audit. Shopify expects a 200.
    /// </summary>
    private async Task<IngestOutcome> AcceptPrivacyRequestAsync(Delivery delivery, ShopifySettings settings, CancellationToken cancellationToken)
    {
        var (request, archived, problem) = ShopifyPrivacyRequestReader.Prepare(delivery.Topic, delivery.Body, delivery.Shop.CustomerIdSalt);
        if (problem is not null) return IngestOutcome.Invalid(problem);
        if (request!.ShopDomain is { } domain && NormalizeDomain(domain) != NormalizeDomain(settings.ShopDomain))
            return IngestOutcome.BadRequest("shop_domain", "is not this shop's domain");
        var outcome = await ArchiveAsync(delivery, ShopifyPrivacyRequest.EventKind, archived!, cancellationToken);
        LogQueued(logger, delivery.Topic, delivery.Shop.ShopId, delivery.WebhookId);
        return outcome.IsAccepted ? outcome with { Status = 200 } : outcome;
    }

    private IngestOutcome Ignore(Delivery delivery)
    {
        LogTopicNotRead(logger, Printable(delivery.Topic), delivery.Shop.ShopId, delivery.WebhookId);
        return new IngestOutcome(200, "not stored", $"topic '{Printable(delivery.Topic)}' is not stored", EventId: delivery.WebhookId);
    }

    private Task<IngestOutcome> ArchiveAsync(Delivery delivery, string platform, byte[] archived, CancellationToken cancellationToken) =>
        claimCheck.AcceptAsync(delivery.Shop, platform, delivery.WebhookId, archived, delivery.ReceivedAt, delivery.Metadata, cancellationToken);

    private static Dictionary<string, string> Metadata(string topic, ShopifyHeaders headers)
    {
        var metadata = new Dictionary<string, string> { ["topic"] = Printable(topic) ?? "" };
        if (Printable(headers.EventId) is { } eventId) metadata["shopifyeventid"] = eventId;
        if (Printable(headers.TriggeredAt) is { } triggeredAt) metadata["shopifytriggeredat"] = triggeredAt;
        if (Printable(headers.ApiVersion) is { } apiVersion) metadata["shopifyapiversion"] = apiVersion;
        return metadata;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify {Topic} for shop {Shop} (webhook {Webhook}): the shop is not registered, so no data is held; answered 200")]
    private static partial void LogShopNotRegistered(ILogger logger, string? topic, string shop, string? webhook);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while accepting a Shopify webhook for shop {Shop}; answered 503")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string shop);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify order {Shop}/{Order} edited (edit {Edit}, webhook {Webhook}); its orders/updated carries the new totals")]
    private static partial void LogOrderEdited(ILogger logger, string shop, string order, string edit, string webhook);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify {Topic} for shop {Shop} (webhook {Webhook}) queued")]
    private static partial void LogQueued(ILogger logger, string topic, string shop, string webhook);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify topic {Topic} for shop {Shop} (webhook {Webhook}) is not one this pipeline reads; answered 200")]
    private static partial void LogTopicNotRead(ILogger logger, string? topic, string shop, string webhook);
}
