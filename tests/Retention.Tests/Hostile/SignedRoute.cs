using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Retention.Core.Webhooks;
using Retention.Core.Shopify;
using Retention.Pipeline.WooCommerce;
using Retention.Core.WooCommerce;

namespace Retention.Tests.Hostile;

/// <summary>
/// One of the five POST routes, with everything a hostile-input test needs to hit it: a small valid body whose amount,
/// id and time can be swapped for any raw JSON text, and a request signed exactly as that route's platform signs, so a
/// test damages only the part it means to and the signature check lets the body through to the parser.
/// </summary>
public sealed class SignedRoute
{
    private readonly Func<string, string, string, string, string> _template;
    private readonly Action<HttpRequestMessage, HostileShop, byte[], string, DateTimeOffset> _sign;

    private SignedRoute(string name, string path, (string Id, string Signature) headers, int acceptedStatus, string amountField,
        string? idField, string timeField, (string Amount, string Id, string Time) valid, Func<string, string, string, string, string> template,
        Action<HttpRequestMessage, HostileShop, byte[], string, DateTimeOffset> sign)
    {
        Name = name;
        IdHeader = headers.Id;
        SignatureHeader = headers.Signature;
        PathFormat = path;
        AcceptedStatus = acceptedStatus;
        AmountField = amountField;
        IdField = idField;
        TimeField = timeField;
        Valid = valid;
        _template = template;
        _sign = sign;
    }

    public string Name { get; }
    /// <summary>The route with <c>{0}</c> for the shop id, relative to the host.</summary>
    public string PathFormat { get; }
    /// <summary>The header naming the delivery (its dedupe key) and the one carrying the signature.</summary>
    public string IdHeader { get; }
    public string SignatureHeader { get; }
    /// <summary>What a valid delivery is answered: 202 (queued), or 200 for spend, which is written in the request.</summary>
    public int AcceptedStatus { get; }
    /// <summary>The money (or score) field, the id field (null: spend has none) and the time (or month) field of the body.</summary>
    public string AmountField { get; }
    public string? IdField { get; }
    public string TimeField { get; }
    /// <summary>The raw JSON of the valid amount, id and time.</summary>
    public (string Amount, string Id, string Time) Valid { get; }

    public override string ToString() => Name;

    public string Path(string shopId) => string.Format(CultureInfo.InvariantCulture, PathFormat, shopId);

    /// <summary>The valid body with any slot replaced by raw JSON text, and <paramref name="extra"/> (",\"x\":1") appended inside the object.</summary>
    public string Json(string? amount = null, string? id = null, string? time = null, string extra = "") =>
        _template(amount ?? Valid.Amount, id ?? Valid.Id, time ?? Valid.Time, extra);

    public byte[] Body(string? amount = null, string? id = null, string? time = null, string extra = "") =>
        Encoding.UTF8.GetBytes(Json(amount, id, time, extra));

    /// <summary>A request for <paramref name="shop"/>'s path, carrying <paramref name="body"/> signed with that shop's secret.</summary>
    /// <param name="deliveryId">the delivery's id header (webhook-id, X-Shopify-Webhook-Id or X-WC-Webhook-Delivery-ID).</param>
    public HttpRequestMessage Request(HostileShop shop, byte[] body, string deliveryId, DateTimeOffset? sentAt = null, string? pathShop = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path(pathShop ?? shop.Id))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        _sign(request, shop, body, deliveryId, sentAt ?? DateTimeOffset.UtcNow);
        return request;
    }

    private static void StandardWebhooks(HttpRequestMessage request, HostileShop shop, byte[] body, string id, DateTimeOffset sentAt)
    {
        var timestamp = sentAt.ToUnixTimeSeconds();
        request.Headers.Add(StandardWebhookSignature.IdHeader, id);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(shop.Credentials.WebhookSecret, id, timestamp, body));
    }

    // Declared before the routes: static fields are initialized in order.
    private static readonly (string, string) StandardHeaders = (StandardWebhookSignature.IdHeader, StandardWebhookSignature.SignatureHeader);

    public static readonly SignedRoute Generic = new("generic", "api/webhooks/generic/{0}", StandardHeaders, 202, "total", "order_id", "ordered_at",
        ("\"59.90\"", "\"1001\"", "\"2025-03-01T10:00:00Z\""),
        (amount, id, time, extra) =>
            $$"""{"order_id":{{id}},"customer":{"id":"c-1"},"ordered_at":{{time}},"currency":"EUR","total":{{amount}},"status":"paid"{{extra}}}""",
        StandardWebhooks);

    public static readonly SignedRoute Shopify = new("shopify", "api/webhooks/shopify/{0}",
        (ShopifySignature.WebhookIdHeader, ShopifySignature.HmacHeader), 202, "current_total_price", "id", "created_at",
        ("\"59.90\"", "820982911946154508", "\"2025-03-01T10:00:00-05:00\""),
        (amount, id, time, extra) =>
            $$"""{"id":{{id}},"customer":{"id":115310627314723954},"created_at":{{time}},"currency":"EUR","current_total_price":{{amount}},"total_price":"59.90","financial_status":"paid","test":false,"refunds":[]{{extra}}}""",
        (request, shop, body, id, _) =>
        {
            request.Headers.Add(ShopifySignature.TopicHeader, "orders/create");
            request.Headers.Add(ShopifySignature.HmacHeader, ShopifySignature.Sign(shop.ShopifySecret, body));
            request.Headers.Add(ShopifySignature.ShopDomainHeader, shop.ShopifyDomain);
            request.Headers.Add(ShopifySignature.WebhookIdHeader, id);
            request.Headers.Add(ShopifySignature.ApiVersionHeader, "2026-07");
        });

    public static readonly SignedRoute WooCommerce = new("woocommerce", "api/webhooks/woocommerce/{0}",
        (WooCommerceWebhookHeaders.DeliveryIdHeader, WooCommerceWebhookHeaders.SignatureHeader), 202, "total", "id", "date_created_gmt",
        ("\"29.35\"", "727", "\"2025-03-01T10:00:00\""),
        (amount, id, time, extra) =>
            $$"""{"id":{{id}},"customer_id":5,"date_created_gmt":{{time}},"currency":"EUR","total":{{amount}},"status":"processing","billing":{"email":"a@example.org"}{{extra}}}""",
        (request, shop, body, id, _) =>
        {
            request.Headers.Add(WooCommerceWebhookHeaders.TopicHeader, "order.created");
            request.Headers.Add(WooCommerceWebhookHeaders.ResourceHeader, "order");
            request.Headers.Add(WooCommerceWebhookHeaders.EventHeader, "created");
            request.Headers.Add(WooCommerceWebhookHeaders.WebhookIdHeader, "5");
            request.Headers.Add(WooCommerceWebhookHeaders.DeliveryIdHeader, id);
            request.Headers.Add(WooCommerceWebhookHeaders.SignatureHeader, WooCommerceSignature.Sign(shop.Credentials.WebhookSecret, body));
        });

    public static readonly SignedRoute Feedback = new("feedback", "api/feedback/{0}", StandardHeaders, 202, "score", "answer_id", "submitted_at",
        ("9", "\"ans-1\"", "\"2025-03-01T10:00:00Z\""),
        (amount, id, time, extra) =>
            $$"""{"answer_id":{{id}},"survey_id":"s-1","customer":{"id":"c-1"},"kind":"nps","score":{{amount}},"comment":"fast","submitted_at":{{time}}{{extra}}}""",
        StandardWebhooks);

    public static readonly SignedRoute Spend = new("spend", "api/spend/{0}", StandardHeaders, 200, "amount", null, "month",
        ("\"1200.00\"", "", "\"2025-03\""),
        (amount, _, time, extra) => $$"""{"month":{{time}},"amount":{{amount}},"note":"win-back"{{extra}}}""",
        StandardWebhooks);

    public static IReadOnlyList<SignedRoute> All { get; } = [Generic, Shopify, WooCommerce, Feedback, Spend];

    /// <summary>The three routes signed with Standard Webhooks headers, whose signature covers a timestamp.</summary>
    public bool IsStandardWebhooks => IdHeader == StandardWebhookSignature.IdHeader;

    public static SignedRoute Named(string name) => All.Single(r => r.Name == name);

    /// <summary>Every route's name, for a theory over the routes.</summary>
    public static TheoryData<string> Names => [.. All.Select(r => r.Name)];
}
