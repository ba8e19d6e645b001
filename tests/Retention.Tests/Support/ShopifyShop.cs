using System.Net.Http.Headers;
using Retention.Core.Shopify;
using Retention.Pipeline.Shopify;

namespace Retention.Tests.Support;

/// <summary>
/// A shop connected to Shopify in a <see cref="PipelineHost"/>: registered, with its myshopify domain and the app's
/// secret in settings, and deliveries signed and sent the way Shopify sends them (raw JSON body, X-Shopify-* headers).
/// </summary>
public sealed class ShopifyShop(PipelineHost pipeline, string shopId, string domain)
{
    public const string AppSecret = "shopify-app-secret-for-tests";

    public string Id => shopId;
    public string Domain => domain;
    /// <summary>The shop's own secrets: the Standard Webhooks secret of its other routes (feedback, spend) and the customer-id salt.</summary>
    public Retention.Core.Shops.ShopCredentials Credentials { get; private set; } = null!;

    public static async Task<ShopifyShop> RegisterAsync(PipelineHost pipeline, string shopId, string domain)
    {
        var credentials = await pipeline.RegisterShopAsync(shopId, timeZone: "America/New_York", currency: "USD");
        pipeline.Settings.Write(new Dictionary<string, string>
        {
            [$"Shops__{shopId}__ShopifyDomain"] = domain,
            [$"Shops__{shopId}__ShopifySecret"] = AppSecret,
        });
        var store = pipeline.Service<ShopifySettingsStore>();
        for (var i = 0; i < 200 && store.Find(shopId) is null; i++) await Task.Delay(25);
        Assert.NotNull(store.Find(shopId));
        return new ShopifyShop(pipeline, shopId, domain) { Credentials = credentials };
    }

    /// <summary>Posts a delivery; <paramref name="tamper"/> may change or remove headers after signing.</summary>
    public Task<HttpResponseMessage> PostAsync(string topic, byte[] body, string webhookId, string secret = AppSecret, string? domain = null,
        Action<HttpRequestMessage>? tamper = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/shopify/{shopId}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(ShopifySignature.TopicHeader, topic);
        request.Headers.Add(ShopifySignature.HmacHeader, ShopifySignature.Sign(secret, body));
        request.Headers.Add(ShopifySignature.ShopDomainHeader, domain ?? Domain);
        request.Headers.Add(ShopifySignature.WebhookIdHeader, webhookId);
        request.Headers.Add(ShopifySignature.ApiVersionHeader, "2026-07");
        request.Headers.Add(ShopifySignature.TriggeredAtHeader, DateTimeOffset.UtcNow.ToString("O"));
        tamper?.Invoke(request);
        return pipeline.Http.SendAsync(request);
    }

    /// <summary>Posts and asserts the answer's status.</summary>
    public async Task SendAsync(string topic, byte[] body, string webhookId, int expectedStatus)
    {
        using var response = await PostAsync(topic, body, webhookId);
        Assert.True((int)response.StatusCode == expectedStatus,
            $"{topic} {webhookId}: expected {expectedStatus}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
