using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Retention.Core.Webhooks;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Shopify;
using Retention.Pipeline.WooCommerce;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Http;

/// <summary>The webhook routes: HTTP in, <see cref="WebhookIngestService"/>, HTTP out.</summary>
public sealed class WebhookEndpoints(
    WebhookIngestService ingest,
    RetentionSpendService spend,
    WooCommerceWebhookService woo,
    ShopifyWebhookService shopify,
    ShopifySettingsStore shopifySettings)
{
    /// <summary>Orders are small; a larger body is a mistake or an attack, and is refused before it is read whole.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public Task<IActionResult> GenericAsync(HttpRequest request, string shop, CancellationToken cancellationToken) =>
        SignedAsync(request, (headers, body) => ingest.AcceptGenericAsync(shop, headers, body, cancellationToken), cancellationToken);

    /// <summary>POST /api/webhooks/shopify/{shop}: a Shopify webhook delivery (any topic), HMAC-signed with the app's client secret.</summary>
    public async Task<IActionResult> ShopifyAsync(HttpRequest request, string shop, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null) return ToResponse(IngestOutcome.TooLarge(MaxBodyBytes));
        var headers = new ShopifyHeaders(
            Header(request, ShopifySignature.TopicHeader),
            Header(request, ShopifySignature.HmacHeader),
            Header(request, ShopifySignature.ShopDomainHeader),
            Header(request, ShopifySignature.WebhookIdHeader),
            Header(request, ShopifySignature.EventIdHeader),
            Header(request, ShopifySignature.TriggeredAtHeader),
            Header(request, ShopifySignature.ApiVersionHeader));
        return ToResponse(await shopify.AcceptAsync(shop, headers, body, shopifySettings.Find(shop), cancellationToken));
    }

    /// <summary>POST /api/webhooks/woocommerce/{shop}: a WooCommerce webhook (X-WC-Webhook-* headers, see docs/woocommerce.md).</summary>
    public async Task<IActionResult> WooCommerceAsync(HttpRequest request, string shop, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        var outcome = body is null
            ? IngestOutcome.TooLarge(MaxBodyBytes)
            : await woo.AcceptAsync(shop, WooCommerceWebhookHeaders.FromRequest(request), body, cancellationToken);
        return ToResponse(outcome);
    }

    /// <summary>POST /api/feedback/{shop}: a survey answer (NPS or CSAT), signed like the order webhooks.</summary>
    public Task<IActionResult> FeedbackAsync(HttpRequest request, string shop, CancellationToken cancellationToken) =>
        SignedAsync(request, (headers, body) => ingest.AcceptAsync(IncomingEvent.Feedback, shop, headers, body, cancellationToken), cancellationToken);

    /// <summary>POST /api/spend/{shop}: a month's retention spend, or with a "channel" its acquisition spend on that channel, signed like the order webhooks.</summary>
    public Task<IActionResult> RetentionSpendAsync(HttpRequest request, string shop, CancellationToken cancellationToken) =>
        SignedAsync(request, (headers, body) => spend.RecordAsync(shop, headers, body, cancellationToken), cancellationToken);

    private static async Task<IActionResult> SignedAsync(HttpRequest request,
        Func<WebhookHeaders, ReadOnlyMemory<byte>, Task<IngestOutcome>> handle, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        var outcome = body is null
            ? IngestOutcome.TooLarge(MaxBodyBytes)
            : await handle(new WebhookHeaders(
                Header(request, StandardWebhookSignature.IdHeader),
                Header(request, StandardWebhookSignature.TimestampHeader),
                Header(request, StandardWebhookSignature.SignatureHeader)), body);
        return ToResponse(outcome);
    }

    public static JsonResponse ToResponse(IngestOutcome outcome) => outcome.IsAccepted
        ? new JsonResponse(outcome.Status, new { eventId = outcome.EventId })
        : JsonResponse.Problem(outcome.Status, outcome.Title, outcome.Detail, outcome.Field, outcome.RetryAfter);

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
