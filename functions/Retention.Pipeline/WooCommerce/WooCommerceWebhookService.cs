using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Webhooks;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Core.WooCommerce;
using Retention.Pipeline.Ingest;

namespace Retention.Pipeline.WooCommerce;

/// <summary>The <c>X-WC-Webhook-*</c> headers of one WooCommerce delivery, as sent (null when absent).</summary>
public sealed record WooCommerceWebhookHeaders(
    string? Topic, string? Resource, string? Event, string? Signature, string? WebhookId, string? DeliveryId, string? Source)
{
    public const string TopicHeader = "X-WC-Webhook-Topic";
    public const string ResourceHeader = "X-WC-Webhook-Resource";
    public const string EventHeader = "X-WC-Webhook-Event";
    public const string SignatureHeader = WooCommerceSignature.SignatureHeader;
    public const string WebhookIdHeader = "X-WC-Webhook-ID";
    public const string DeliveryIdHeader = "X-WC-Webhook-Delivery-ID";
    public const string SourceHeader = "X-WC-Webhook-Source";

    /// <summary>Reads the headers from a request (header names are case-insensitive; a repeated header counts as absent).</summary>
    public static WooCommerceWebhookHeaders FromRequest(HttpRequest request) => new(
        Header(request, TopicHeader), Header(request, ResourceHeader), Header(request, EventHeader), Header(request, SignatureHeader),
        Header(request, WebhookIdHeader), Header(request, DeliveryIdHeader), Header(request, SourceHeader));

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}

/// <summary>
/// Accepts one WooCommerce webhook delivery (<c>POST /api/webhooks/woocommerce/{shop}</c>): the unsigned ping
/// WooCommerce sends when a webhook is saved, then signed order events. An order event is checked, archived
/// without personal data and queued exactly as <see cref="WebhookIngestService"/> does for generic events, so
/// the same queue processor stores it (dispatching on platform <c>woocommerce</c>). A product event is archived as
/// the product's catalog record only (<see cref="WooCommerceProductNormalizer"/>, <c>docs/products.md</c>). See <c>docs/woocommerce.md</c>.
/// </summary>
public sealed partial class WooCommerceWebhookService(
    ShopDirectory shops,
    ShopCredentialStore credentials,
    ClaimCheck claimCheck,
    TimeProvider clock,
    ILogger<WooCommerceWebhookService> logger)
{
    /// <summary>Topics whose body is the full order object.</summary>
    public static readonly IReadOnlySet<string> OrderTopics = new HashSet<string>(StringComparer.Ordinal)
        { "order.created", "order.updated", "order.restored" };

    public const string DeletedTopic = "order.deleted";

    public async Task<IngestOutcome> AcceptAsync(string shopId, WooCommerceWebhookHeaders headers, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        try
        {
            var shop = await shops.FindAsync(shopId, cancellationToken);
            var secrets = shop is null ? null : credentials.Find(shop.Id);
            if (shop is null || secrets is null) return IngestOutcome.UnknownShop(shopId);

            // Saving a webhook in WooCommerce posts "webhook_id=N" (form-encoded, unsigned, no topic) and keeps
            // the webhook pending unless the answer is exactly 200. Nothing in it is worth storing.
            if ((string.IsNullOrEmpty(headers.Signature) || string.IsNullOrEmpty(headers.Topic)) && IsPing(body.Span))
            {
                // The body is decoded only when the line is written.
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var ping = Encoding.ASCII.GetString(body.Span);
                    LogPing(logger, shop.Id, ping);
                }
                return new IngestOutcome(200, "ping", "WooCommerce webhook ping received; nothing stored");
            }

            var verification = WooCommerceSignature.Verify(secrets.WooCommerceSigningSecret, headers.Signature, body.Span);
            if (!verification.IsValid) return IngestOutcome.Unauthorized(verification.Reason);

            var topic = headers.Topic;
            if (string.IsNullOrEmpty(topic))
                return IngestOutcome.BadRequest(WooCommerceWebhookHeaders.TopicHeader, "is required on a signed delivery");
            var isDeletion = topic == DeletedTopic;
            var isProduct = WooCommerceProductNormalizer.IsProductTopic(topic);
            if (!isDeletion && !isProduct && !OrderTopics.Contains(topic))
            {
                LogTopicIgnored(logger, topic, shop.Id);
                return new IngestOutcome(200, "ignored", $"topic {topic} is not used here; nothing stored");
            }

            if (!WebhookEventId.IsValid(headers.DeliveryId) || headers.DeliveryId!.Length > 128)
                return IngestOutcome.BadRequest(WooCommerceWebhookHeaders.DeliveryIdHeader, "must be 1 to 128 printable ASCII characters");
            var eventId = EventId(headers.DeliveryId, body.Span);
            var receivedAt = clock.GetUtcNow();

            var context = new ShopContext(shop.Id, shop.Currency, secrets.CustomerIdSalt);
            string platform;
            byte[] archived;
            if (isProduct)
            {
                // Only the catalog's fields are archived: never the description, images or prices (docs/products.md).
                var (change, problem) = WooCommerceProductNormalizer.Normalize(topic, body, receivedAt);
                if (problem is not null) return IngestOutcome.Invalid(problem);
                (platform, archived) = (WooCommerceProductNormalizer.EventKind, change!.ToArchive());
            }
            else if (isDeletion)
            {
                // The body is only {"id":N}: kept as a dated deletion the processor applies to the stored order.
                var (record, problem) = WooCommerceOrderDeletion.Prepare(body, receivedAt);
                if (problem is not null) return IngestOutcome.Invalid(problem);
                (platform, archived) = (WooCommerceOrderDeletion.EventKind, record!);
            }
            else
            {
                var normalized = WooCommerceOrderNormalizer.Normalize(body, context, eventId);
                if (normalized.Problem is { } problem) return IngestOutcome.Invalid(problem);
                (platform, archived) = (WooCommerceOrderNormalizer.EventKind, WooCommerceEventRedactor.Redact(body.Span, normalized.Order!));
            }

            var metadata = new Dictionary<string, string> { ["wctopic"] = topic, ["wcdeliveryid"] = headers.DeliveryId };
            if (WebhookEventId.IsValid(headers.WebhookId)) metadata["wcwebhookid"] = headers.WebhookId!;
            return await claimCheck.AcceptAsync(context, platform, eventId, archived, receivedAt, metadata, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
        {
            LogStorageUnavailable(logger, e, shopId);
            return IngestOutcome.StorageUnavailable();
        }
    }

    /// <summary>
    /// The event id (dedupe key and blob name): the delivery id plus a digest of the body. WooCommerce's delivery id
    /// is a hash of the webhook id and the current second, so two different events of one webhook sent within the
    /// same second (a bulk status change in the admin) share it; a true redelivery has the same id and body.
    /// </summary>
    public static string EventId(string deliveryId, ReadOnlySpan<byte> body) =>
        deliveryId + "." + Convert.ToHexStringLower(SHA256.HashData(body))[..16];

    /// <summary>The creation ping: exactly <c>webhook_id=</c> followed by digits.</summary>
    public static bool IsPing(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> prefix = "webhook_id="u8;
        if (body.Length <= prefix.Length || body.Length > prefix.Length + 20 || !body.StartsWith(prefix)) return false;
        foreach (var b in body[prefix.Length..])
            if (b is < (byte)'0' or > (byte)'9') return false;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WooCommerce ping for shop {Shop} ({Body})")]
    private static partial void LogPing(ILogger logger, string shop, string body);

    [LoggerMessage(Level = LogLevel.Information, Message = "WooCommerce topic {Topic} for shop {Shop} ignored; nothing stored")]
    private static partial void LogTopicIgnored(ILogger logger, string topic, string shop);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while accepting a WooCommerce webhook for shop {Shop}; answered 503")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string shop);
}
