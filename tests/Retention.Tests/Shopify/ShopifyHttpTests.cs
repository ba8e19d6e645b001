using System.Net;
using System.Text;
using Retention.Core.Orders;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Shopify;
using Retention.Pipeline.Shopify;

namespace Retention.Tests.Shopify;

/// <summary>POST /api/webhooks/shopify/{shop} through the local host over real HTTP, the queue and the orders table.</summary>
public class ShopifyHttpTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private const string Domain = "jsmith.myshopify.com";
    private const string AppSecret = "shopify-app-secret-for-tests";
    private static readonly byte[] Sample = Encoding.UTF8.GetBytes(ShopifySamples.OrdersCreate);

    private async Task RegisterAsync(string shop)
    {
        await pipeline.RegisterShopAsync(shop, currency: "USD");
        pipeline.Settings.Write(new Dictionary<string, string>
        {
            [$"Shops__{shop}__ShopifyDomain"] = Domain,
            [$"Shops__{shop}__ShopifySecret"] = AppSecret,
        });
        var store = pipeline.Service<ShopifySettingsStore>();
        for (var i = 0; i < 200 && store.Find(shop) is null; i++) await Task.Delay(25);
        Assert.NotNull(store.Find(shop));
    }

    private Task<HttpResponseMessage> PostAsync(string shop, byte[] body, string secret, string domain = Domain, string webhookId = "wh-1")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/shopify/{shop}") { Content = new ByteArrayContent(body) };
        // Shopify's own capitalization differs from ours on purpose: header names are case-insensitive.
        request.Headers.Add("x-shopify-topic", "orders/create");
        request.Headers.Add("X-Shopify-Hmac-SHA256", ShopifySignature.Sign(secret, body));
        request.Headers.Add("X-Shopify-Shop-Domain", domain);
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
        request.Headers.Add("X-Shopify-Event-Id", "ev-1");
        request.Headers.Add("X-Shopify-Triggered-At", "2025-03-01T10:00:00Z");
        return pipeline.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_documented_orders_create_sample_is_verified_queued_and_stored()
    {
        await RegisterAsync("shopify-shop");
        using (var response = await PostAsync("shopify-shop", Sample, AppSecret))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await pipeline.DrainAsync();

        // From the sample: id 820982911946154508, customer 115310627314723954, current_total_price 414.95,
        // cancelled_at set, test true (stored, excluded from every figure).
        var order = await pipeline.Service<OrderTable>().FindAsync("shopify-shop", "820982911946154508", default);
        Assert.NotNull(order);
        Assert.Equal(("c:115310627314723954", 414.95m, OrderStatus.Cancelled, true, "shopify"),
            (order.CustomerKey, order.Total, order.Status, order.IsTest, order.Platform));
    }

    [Fact]
    public async Task A_wrong_secret_or_another_shops_domain_is_refused_and_stores_nothing()
    {
        await RegisterAsync("shopify-guarded");
        using (var forged = await PostAsync("shopify-guarded", Sample, "not-the-app-secret"))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using (var elsewhere = await PostAsync("shopify-guarded", Sample, AppSecret, domain: "someone-else.myshopify.com", webhookId: "wh-2"))
            Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        await pipeline.DrainAsync();
        Assert.Empty(await pipeline.Service<OrderTable>().ReadShopAsync("shopify-guarded", default));
        Assert.Equal(0, await pipeline.RawEventCountAsync("shopify-guarded"));
    }
}
