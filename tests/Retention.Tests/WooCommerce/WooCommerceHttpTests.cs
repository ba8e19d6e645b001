using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.WooCommerce;

namespace Retention.Tests.WooCommerce;

/// <summary>POST /api/webhooks/woocommerce/{shop} through the local host over real HTTP, the queue and the orders table.</summary>
public class WooCommerceHttpTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private static byte[] Order727 => File.ReadAllBytes(RepositoryRoot.Shared("reference", "webhooks", "woocommerce_order_727.json"));

    private Task<HttpResponseMessage> PostAsync(string shop, byte[] body, string? signature, string topic = "order.created",
        string deliveryId = "d-1", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/woocommerce/{shop}")
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } },
        };
        // Lower-case on purpose: header names are case-insensitive.
        request.Headers.Add("x-wc-webhook-topic", topic);
        request.Headers.Add("X-WC-Webhook-Resource", topic.Split('.')[0]);
        request.Headers.Add("X-WC-Webhook-Event", topic.Split('.')[1]);
        request.Headers.Add("X-WC-Webhook-ID", "5");
        request.Headers.Add("X-WC-Webhook-Delivery-ID", deliveryId);
        if (signature is not null) request.Headers.Add("X-WC-Webhook-Signature", signature);
        return pipeline.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_documented_order_is_verified_queued_and_stored_as_a_guest_purchase()
    {
        var credentials = await pipeline.RegisterShopAsync("woo-shop", currency: "USD");
        using (var response = await PostAsync("woo-shop", Order727, WooCommerceSignature.Sign(credentials.WebhookSecret, Order727)))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await pipeline.DrainAsync();

        // From the file: id 727, customer_id 0 (a guest), billing e-mail john.doe@example.com, total "29.35", status processing.
        var order = await pipeline.Service<OrderTable>().FindAsync("woo-shop", "727", default);
        Assert.NotNull(order);
        Assert.Equal(CustomerKey.FromEmail("john.doe@example.com", credentials.CustomerIdSalt), order.CustomerKey);
        Assert.Equal((29.35m, OrderStatus.Paid, "woocommerce"), (order.Total, order.Status, order.Platform));
    }

    [Fact]
    public async Task The_documented_order_is_stored_with_its_lines_codes_and_country_and_nothing_of_its_addresses_is_anywhere_in_storage()
    {
        var credentials = await pipeline.RegisterShopAsync("woo-private", currency: "USD");
        // The sample as a store with order attribution and a coupon sends it (its addresses untouched).
        var sent = JsonNode.Parse(Order727)!.AsObject();
        sent["created_via"] = "checkout";
        sent["meta_data"]!.AsArray().Add(new JsonObject { ["id"] = 13107, ["key"] = "_wc_order_attribution_utm_source", ["value"] = "newsletter" });
        sent["meta_data"]!.AsArray().Add(new JsonObject { ["id"] = 13108, ["key"] = "_wc_order_attribution_utm_medium", ["value"] = "email" });
        sent["meta_data"]!.AsArray().Add(new JsonObject { ["id"] = 13109, ["key"] = "_wc_order_attribution_referrer", ["value"] = "https://mail.example.net/read?user=john.doe" });
        sent["coupon_lines"] = new JsonArray(new JsonObject { ["id"] = 319, ["code"] = "Welcome5", ["discount"] = "0.00", ["discount_tax"] = "0.00" });
        var body = JsonSerializer.SerializeToUtf8Bytes(sent);

        using (var response = await PostAsync("woo-private", body, WooCommerceSignature.Sign(credentials.WebhookSecret, body)))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await pipeline.DrainAsync();

        var order = await pipeline.Service<OrderTable>().FindAsync("woo-private", "727", default);
        Assert.NotNull(order);
        // From the file: two lines (product 93 x2 at 6.00 + 0.45 tax; product 22 variation 23 "Bar3" x1 at 12.00 + 0.90), shipping to US.
        Assert.Equal([("93", null, 2, 6.45m), ("22", "23", 1, 12.90m)], order.Lines.Select(l => (l.ProductId, l.VariantId, l.Quantity, l.NetAmount)));
        Assert.Equal(["welcome5"], order.DiscountCodes);
        Assert.Equal("US", order.Country);
        Assert.Equal(("newsletter", "email", "mail.example.net"), (order.Channel.Source, order.Channel.Medium, order.Channel.ReferrerHost));

        // Every value the sample's addresses hold but the country and the state's two letters (which any text holds):
        // first and last name, street, city, postcode, e-mail and phone, of billing and shipping.
        var sample = JsonNode.Parse(Order727)!;
        string[] addresses = ["billing", "shipping"];
        var personal = addresses
            .SelectMany(address => sample[address]!.AsObject())
            .Where(field => field.Key is not ("country" or "state"))
            .Select(field => field.Value!.GetValue<string>())
            .Where(value => value.Length > 0).Distinct().ToArray();
        Assert.Equal(["John", "Doe", "969 Market", "San Francisco", "94103", "john.doe@example.com", "(555) 555-5555"], personal);
        Assert.Empty(await StoredData.MentionsAsync(pipeline.Storage, [.. personal, "555-5555", "john.doe"]));
    }

    [Fact]
    public async Task The_creation_ping_is_answered_200_and_a_bad_signature_401_and_neither_stores_anything()
    {
        await pipeline.RegisterShopAsync("woo-other", currency: "USD");
        using (var ping = await PostAsync("woo-other", Encoding.UTF8.GetBytes("webhook_id=5"), null, "order.created", "d-ping", "application/x-www-form-urlencoded"))
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        using (var forged = await PostAsync("woo-other", Order727, WooCommerceSignature.Sign("wc_test_secret", Order727)))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await pipeline.DrainAsync();
        Assert.Empty(await pipeline.Service<OrderTable>().ReadShopAsync("woo-other", default));
        Assert.Equal(0, await pipeline.RawEventCountAsync("woo-other"));
    }
}
