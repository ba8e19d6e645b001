using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Pipeline.Storage;
using Retention.Tests.Shopify;
using Retention.Tests.Support;

namespace Retention.Tests.Privacy;

/// <summary>
/// What was bought, where the customer came from, the codes used and the country belong to the customer's orders: the
/// data request document lists them, and the customer's erasure removes them with the orders from every table and blob,
/// leaving another customer's. Orders arrive over real HTTP (Shopify's sample body and the generic event) into Azurite.
/// </summary>
public class OrderFacetsPrivacyTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private const long John = 415310627314723954, Bob = 407119551;

    /// <summary>Shopify's sample order with its first line, codes, landing page and shipping country set to what the test searches for.</summary>
    private static byte[] ShopifyOrder(long orderId, long customer, string email, string productId, string title, string sku, string code,
        string campaign, string country)
    {
        var order = JsonNode.Parse(ShopifyBodies.Order(orderId, customer, email, "2025-06-01T10:00:00-04:00", "80.00"))!.AsObject();
        var line = order["line_items"]![0]!.AsObject();
        line["product_id"] = long.Parse(productId, System.Globalization.CultureInfo.InvariantCulture);
        line["title"] = title;
        line["sku"] = sku;
        order["discount_codes"] = new JsonArray(new JsonObject { ["code"] = code, ["amount"] = "5.00", ["type"] = "fixed_amount" });
        order["landing_site"] = $"/products/x?utm_source=newsletter&utm_medium=email&utm_campaign={campaign}";
        order["shipping_address"]!["country_code"] = country;
        return Encoding.UTF8.GetBytes(order.ToJsonString());
    }

    private static byte[] GenericOrder(string orderId, long customer, string productId, string title, string sku, string code, string campaign,
        string country) => Encoding.UTF8.GetBytes($$"""
        {"order_id":"{{orderId}}","customer":{"id":"{{customer}}"},"ordered_at":"2025-06-10T10:00:00Z","currency":"USD","total":"42.50",
         "line_items":[{"product_id":"{{productId}}","variant_id":"{{productId}}-v","sku":"{{sku}}","title":"{{title}}","quantity":3,"amount":"42.50","returned_quantity":1}],
         "channel":{"source":"partner-blog","medium":"referral","campaign":"{{campaign}}","referrer_host":"blog.example.org","source_name":"affiliate"},
         "discount_codes":["{{code}}"],"country":"{{country}}"}
        """);

    private async Task PostGenericAsync(ShopifyShop shop, byte[] body, string eventId)
    {
        using var response = await pipeline.PostGenericAsync(shop.Id, body, shop.Credentials.WebhookSecret, eventId);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task The_data_request_lists_each_orders_lines_channel_codes_and_country()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "facets-request-shop", "facets-request-shop.myshopify.com");
        await shop.SendAsync("orders/create", ShopifyOrder(771001, John, "john@example.com", "5550001", "Johns Zebra Mug", "ZEBRA-1", "JOHNSAVE",
            "johns-launch", "DE"), "fr-o1", 202);
        await PostGenericAsync(shop, GenericOrder("771002", John, "p-john-tea", "Johns Oolong Tea", "OOLONG-9", "TEA10", "johns-blog", "at"), "fr-g1");
        await PostGenericAsync(shop, GenericOrder("771003", Bob, "p-bob-socks", "Bobs Socks", "SOCK-1", "BOBCODE", "bobs-campaign", "FR"), "fr-g2");
        await pipeline.DrainAsync();

        var request = ShopifyBodies.Compliance(ShopifyTopicSamples.CustomersDataRequest, shop.Domain, John, "john@example.com", [771001], 8888);
        await shop.SendAsync("customers/data_request", request, "fr-dr", 200);
        await pipeline.DrainAsync();

        var blob = pipeline.Storage.PrivacyExports.GetBlobClient($"{shop.Id}/8888.json");
        using var document = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString());
        var orders = document.RootElement.GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("orderId").GetString()!);
        Assert.Equal(["771001", "771002"], orders.Keys.Order());

        // The Shopify order: its first line as sent, the campaign from the landing page, the code lower case, the shipping country.
        var shopify = orders["771001"];
        var first = shopify.GetProperty("lines")[0];
        Assert.Equal(("5550001", "ZEBRA-1", "Johns Zebra Mug"),
            (first.GetProperty("productId").GetString(), first.GetProperty("sku").GetString(), first.GetProperty("title").GetString()));
        Assert.Equal(JsonNode.Parse(ShopifySamples.OrdersCreate)!["line_items"]!.AsArray().Count, shopify.GetProperty("lines").GetArrayLength());
        Assert.Equal(("newsletter", "email", "johns-launch"), (shopify.GetProperty("channel").GetProperty("source").GetString(),
            shopify.GetProperty("channel").GetProperty("medium").GetString(), shopify.GetProperty("channel").GetProperty("campaign").GetString()));
        Assert.Equal(["johnsave"], shopify.GetProperty("discountCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("DE", shopify.GetProperty("country").GetString());

        // The generic order: every field of its line and channel as the event gave them.
        var generic = orders["771002"];
        var line = Assert.Single(generic.GetProperty("lines").EnumerateArray());
        Assert.Equal("""{"productId":"p-john-tea","variantId":"p-john-tea-v","sku":"OOLONG-9","title":"Johns Oolong Tea","quantity":3,"netAmount":42.50,"returnedQuantity":1}""",
            JsonNode.Parse(line.GetRawText())!.ToJsonString());
        Assert.Equal("""{"source":"partner-blog","medium":"referral","campaign":"johns-blog","referrerHost":"blog.example.org","sourceName":"affiliate"}""",
            JsonNode.Parse(generic.GetProperty("channel").GetRawText())!.ToJsonString());
        Assert.Equal(["tea10"], generic.GetProperty("discountCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("AT", generic.GetProperty("country").GetString());

        var text = document.RootElement.GetRawText();
        foreach (var bobs in new[] { "p-bob-socks", "Bobs Socks", "SOCK-1", "bobcode", "bobs-campaign" })
            Assert.DoesNotContain(bobs, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_customers_erasure_removes_their_lines_codes_and_channels_everywhere_and_keeps_anothers()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "facets-redact-shop", "facets-redact-shop.myshopify.com");
        await shop.SendAsync("orders/create", ShopifyOrder(881001, John, "john@example.com", "6660001", "Johns Walrus Lamp", "WALRUS-7",
            "JOHNWALRUS", "johns-walrus-campaign", "NL"), "fe-o1", 202);
        await PostGenericAsync(shop, GenericOrder("881002", John, "p-john-kettle", "Johns Copper Kettle", "KETTLE-3", "JOHNKETTLE",
            "johns-kettle-campaign", "BE"), "fe-g1");
        await shop.SendAsync("orders/create", ShopifyOrder(991001, Bob, "bob@example.com", "7770001", "Bobs Otter Clock", "OTTER-2",
            "BOBOTTER", "bobs-otter-campaign", "SE"), "fe-o2", 202);
        await PostGenericAsync(shop, GenericOrder("991002", Bob, "p-bob-anvil", "Bobs Iron Anvil", "ANVIL-5", "BOBANVIL", "bobs-anvil-campaign", "FI"),
            "fe-g2");
        await pipeline.DrainAsync();

        string[] johns = ["6660001", "Johns Walrus Lamp", "WALRUS-7", "johnwalrus", "johns-walrus-campaign",
            "p-john-kettle", "Johns Copper Kettle", "KETTLE-3", "johnkettle", "johns-kettle-campaign"];
        string[] bobs = ["7770001", "Bobs Otter Clock", "OTTER-2", "bobotter", "bobs-otter-campaign",
            "p-bob-anvil", "Bobs Iron Anvil", "ANVIL-5", "bobanvil", "bobs-anvil-campaign"];
        // Each value is stored somewhere before: the search would find it if the erasure left it.
        var before = await StoredData.MentionsAsync(pipeline.Storage, johns);
        foreach (var needle in johns)
            Assert.True((await StoredData.MentionsAsync(pipeline.Storage, needle)).Count > 0, $"{needle} was never stored");
        Assert.Contains(before, m => m.StartsWith(StorageNames.OrdersTable + "/", StringComparison.Ordinal));

        var redact = ShopifyBodies.Compliance(ShopifyTopicSamples.CustomersRedact, shop.Domain, John, "john@example.com", [881001]);
        await shop.SendAsync("customers/redact", redact, "fe-redact", 200);
        await pipeline.DrainAsync();

        Assert.Empty(await StoredData.MentionsAsync(pipeline.Storage, johns));
        foreach (var needle in bobs)
            Assert.Contains(await StoredData.MentionsAsync(pipeline.Storage, needle),
                m => m.StartsWith(StorageNames.OrdersTable + "/", StringComparison.Ordinal));
        var remaining = (await pipeline.Service<OrderTable>().ReadShopAsync(shop.Id, default)).OrderBy(o => o.OrderId, StringComparer.Ordinal).ToList();
        Assert.Equal(["991001", "991002"], remaining.Select(o => o.OrderId));
        Assert.Equal(["SE", "FI"], remaining.Select(o => o.Country));
        Assert.Equal(["bobotter", "bobanvil"], remaining.SelectMany(o => o.DiscountCodes));
        Assert.Equal(0, pipeline.Host.OrderEvents.Poisoned);
    }
}
