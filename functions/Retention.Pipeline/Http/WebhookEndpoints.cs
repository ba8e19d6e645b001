using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Retention.Core.Webhooks;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Shopify;
using Retention.Pipeline.WooCommerce;
using Retention.Core.Shopify;
using Retention.Pipeline.Telemetry;

namespace Retention.Pipeline.Http;

/// <summary>The webhook routes: HTTP in, <see cref="WebhookIngestService"/>, HTTP out.</summary>
public sealed partial class WebhookEndpoints(
    WebhookIngestService ingest,
    RetentionSpendService spend,
    WooCommerceWebhookService woo,
    ShopifyWebhookService shopify,
    ShopifySettingsStore shopifySettings,
    RetentionMetrics metrics,
    TimeProvider clock,
    ILogger<WebhookEndpoints> logger)
{
    /// <summary>Orders are small; a larger body is a mistake or an attack, and is refused before it is read whole.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public Task<IActionResult> GenericAsync(HttpRequest request, string shop, CancellationToken cancellationToken) =>
        SignedAsync("generic", request, shop, (headers, body) => ingest.AcceptGenericAsync(shop, headers, body, cancellationToken), cancellationToken);

    /// <summary>POST /api/webhooks/shopify/{shop}: a Shopify webhook delivery (any topic), HMAC-signed with the app's client secret.</summary>
    public async Task<IActionResult> ShopifyAsync(HttpRequest request, string shop, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var body = await RequestBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null) return Answer("shopify", shop, started, IngestOutcome.TooLarge(MaxBodyBytes));
        var headers = new ShopifyHeaders(
            Header(request, ShopifySignature.TopicHeader),
            Header(request, ShopifySignature.HmacHeader),
            Header(request, ShopifySignature.ShopDomainHeader),
            Header(request, ShopifySignature.WebhookIdHeader),
            Header(request, ShopifySignature.EventIdHeader),
            Header(request, ShopifySignature.TriggeredAtHeader),
            Header(request, ShopifySignature.ApiVersionHeader));
        return Answer("shopify", shop, started, await shopify.AcceptAsync(shop, headers, body, shopifySettings.Find(shop), cancellationToken));
    }

    /// <summary>POST /api/webhooks/woocommerce/{shop}: a WooCommerce webhook (X-WC-Webhook-* headers, see docs/woocommerce.md).</summary>
    public async Task<IActionResult> WooCommerceAsync(HttpRequest request, string shop, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var body = await RequestBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        var outcome = body is null
            ? IngestOutcome.TooLarge(MaxBodyBytes)
            : await woo.AcceptAsync(shop, WooCommerceWebhookHeaders.FromRequest(request), body, cancellationToken);
        return Answer("woocommerce", shop, started, outcome);
    }

    /// <summary>POST /api/feedback/{shop}: a survey answer (NPS or CSAT), signed like the order webhooks.</summary>
    public Task<IActionResult> FeedbackAsync(HttpRequest request, string shop, CancellationToken cancellationToken) =>
        SignedAsync("feedback", request, shop, (headers, body) => ingest.AcceptAsync(IncomingEvent.Feedback, shop, headers, body, cancellationToken), cancellationToken);

    /// <summary>POST /api/spend/{shop}: a month's retention spend, or with a "channel" its acquisition spend on that channel, signed like the order webhooks.</summary>
    public Task<IActionResult> RetentionSpendAsync(HttpRequest request, string shop, CancellationToken cancellationToken) =>
        SignedAsync("spend", request, shop, (headers, body) => spend.RecordAsync(shop, headers, body, cancellationToken), cancellationToken);

    private async Task<IActionResult> SignedAsync(string platform, HttpRequest request, string shop,
        Func<WebhookHeaders, ReadOnlyMemory<byte>, Task<IngestOutcome>> handle, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var body = await RequestBody.ReadLimitedAsync(request, MaxBodyBytes, cancellationToken);
        var outcome = body is null
            ? IngestOutcome.TooLarge(MaxBodyBytes)
            : await handle(new WebhookHeaders(
                Header(request, StandardWebhookSignature.IdHeader),
                Header(request, StandardWebhookSignature.TimestampHeader),
                Header(request, StandardWebhookSignature.SignatureHeader)), body);
        return Answer(platform, shop, started, outcome);
    }

    /// <summary>
    /// The answer, counted (<see cref="RetentionMetrics.WebhookDeliveries"/>). A refusal before the shop is known to exist
    /// (404, 413) is not counted under the path's shop: anyone can make up a path, and each would be a series of its own.
    /// </summary>
    private JsonResponse Answer(string platform, string shop, long started, IngestOutcome outcome)
    {
        var shopTag = outcome.Status is 404 or 413 ? "unregistered" : shop;
        metrics.WebhookAnswered(platform, shopTag, outcome.Status, Reason(outcome), clock.GetElapsedTime(started));
        // The title and field only: a refusal's detail may quote the body, which can hold what a person typed.
        if (outcome.IsAccepted) LogAccepted(logger, platform, shopTag, outcome.EventId, outcome.Status);
        else LogRefused(logger, platform, shopTag, outcome.Status, outcome.Title, outcome.Field);
        return ToResponse(outcome);
    }

    /// <summary>The refusal's title as a tag value: "Signature not accepted" → <c>signature_not_accepted</c>.</summary>
    private static string? Reason(IngestOutcome outcome) =>
        outcome.IsAccepted ? null : outcome.Title.ToLowerInvariant().Replace(' ', '_');

    public static JsonResponse ToResponse(IngestOutcome outcome) => outcome.IsAccepted
        ? new JsonResponse(outcome.Status, new { eventId = outcome.EventId })
        : JsonResponse.Problem(outcome.Status, outcome.Title, outcome.Detail, outcome.Field, outcome.RetryAfter);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Platform} webhook for {Shop}: event {Event} answered {Status}")]
    private static partial void LogAccepted(ILogger logger, string platform, string shop, string? @event, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Platform} webhook for {Shop} refused {Status}: {Reason} (field {Field})")]
    private static partial void LogRefused(ILogger logger, string platform, string shop, int status, string reason, string? field);

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
