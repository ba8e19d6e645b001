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

    [Fact]
    public async Task The_documented_order_with_addresses_is_stored_with_its_lines_channel_codes_and_country_and_nothing_of_its_addresses()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "shopify-facets", "facets.myshopify.com");
        var body = System.Text.Json.Nodes.JsonNode.Parse(ShopifyOrderResourceSample.Order)!.AsObject();
        body["landing_site"] = "/collections/boots?utm_source=Newsletter&utm_medium=email&utm_campaign=spring&email=bob.norman%40mail.example.com";
        await shop.SendAsync("orders/create", Encoding.UTF8.GetBytes(body.ToJsonString()), "wh-facets", 202);
        await pipeline.DrainAsync();

        var order = await pipeline.Service<OrderTable>().FindAsync("shopify-facets", "450789469", default);
        Assert.NotNull(order);
        // Read by hand from the sample (ShopifyOrderResourceSample): three lines net of their discount allocations, two refunded.
        Assert.Equal(
        [
            new OrderLine("632910392", "39072856", "IPOD2008GREEN", "IPod Nano - 8gb", 1, 195.66m, 1),
            new OrderLine("632910392", "49148385", "IPOD2008RED", "IPod Nano - 8gb", 1, 195.67m, 0),
            new OrderLine("632910392", "457924702", "IPOD2008BLACK", "IPod Nano - 8gb", 1, 195.67m, 1),
        ], order.Lines);
        Assert.Equal(new OrderChannel("newsletter", "email", "spring", "www.otherexample.com", "web"), order.Channel);
        Assert.Equal(["tenoff"], order.DiscountCodes);
        Assert.Equal("US", order.Country);

        // Street, city, zip, names, phones, coordinates (a two-letter province code is too short to search all storage for).
        string[] needles = [.. ShopifyOrderFacetsTests.SampleAddressValues.Where(v => v.Length > 2), "bob.norman", "Happy Birthday", "collections"];
        Assert.Empty(await StoredData.MentionsAsync(pipeline.Storage, needles));
    }
}
