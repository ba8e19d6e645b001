using System.Net;
using System.Text;
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
