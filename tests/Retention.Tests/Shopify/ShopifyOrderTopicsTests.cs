using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Retention.Core.Orders;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Shopify;

namespace Retention.Tests.Shopify;

/// <summary>
/// refunds/create, orders/delete and orders/edited through real HTTP, the claim-check queue and the orders table, with
/// Shopify's documented bodies; the day's figures read back through the snapshot.
/// </summary>
public class ShopifyOrderTopicsTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private const long Customer = 115310627314723954;
    private const string Email = "john@example.com";

    private OrderTable Orders => pipeline.Service<OrderTable>();

    private async Task<decimal> NetRevenueAsync(string shop, DateOnly asOf) =>
        (await pipeline.Service<SnapshotService>().ComputeAsync(shop, asOf, default)).Headline.NetRevenue;

    [Fact]
    public async Task A_refund_lowers_the_orders_net_on_the_refunds_day_and_counts_once_however_often_it_comes()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "refund-shop", "refund-shop.myshopify.com");
        await shop.SendAsync("orders/create", ShopifyBodies.Order(1001, Customer, Email, "2025-03-01T10:00:00-05:00", "200.00"), "wh-order", 202);
        await pipeline.DrainAsync();

        // The documented refunds/create body, for 85.00 in one successful refund transaction, on 5 March (New York).
        var refund = ShopifyBodies.RefundsCreate(9001, 1001, "2025-03-05T12:00:00-05:00", "85.00");
        await shop.SendAsync("refunds/create", refund, "wh-refund", 202);
        await shop.SendAsync("refunds/create", refund, "wh-refund", 202);            // a redelivery: same webhook id
        await shop.SendAsync("refunds/create", refund, "wh-refund-again", 202);      // Shopify sending the refund twice
        await pipeline.DrainAsync();

        var order = (await Orders.FindAsync(shop.Id, "1001", default))!;
        Assert.Equal(200.00m, order.Total);
        var stored = Assert.Single(order.Refunds);
        Assert.Equal(("9001", 85.00m, DateTimeOffset.Parse("2025-03-05T17:00:00Z", CultureInfo.InvariantCulture)), (stored.RefundId, stored.Amount, stored.RefundedAt));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(200.00m, await NetRevenueAsync(shop.Id, new DateOnly(2025, 3, 4)));
        Assert.Equal(115.00m, await NetRevenueAsync(shop.Id, new DateOnly(2025, 3, 5)));
        var day = await pipeline.Service<SnapshotService>().ComputeAsync(shop.Id, new DateOnly(2025, 3, 5), default);
        Assert.Equal(-85.00m, day.Headline.NetRevenueOnDay);

        // The orders/updated Shopify sends after the refund lists it under the same id: the net stays 115, not 30.
        var refunds = new JsonArray(ShopifyBodies.Refund(9001, 1001, "2025-03-05T12:00:00-05:00", "85.00"));
        await shop.SendAsync("orders/updated", ShopifyBodies.Order(1001, Customer, Email, "2025-03-01T10:00:00-05:00", "200.00",
            updatedAt: "2025-03-05T12:00:05-05:00", financialStatus: "partially_refunded", currentTotal: "115.00", refunds: refunds), "wh-updated", 202);
        await pipeline.DrainAsync();
        order = (await Orders.FindAsync(shop.Id, "1001", default))!;
        Assert.Equal(("wh-updated", 200.00m, 85.00m), (order.SourceEventId, order.Total, Assert.Single(order.Refunds).Amount));
        Assert.Equal(115.00m, await NetRevenueAsync(shop.Id, new DateOnly(2025, 3, 5)));
    }

    [Fact]
    public async Task A_refund_that_comes_before_its_order_is_held_and_applied_when_the_order_is_stored()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "early-refund-shop", "early-refund-shop.myshopify.com");
        await shop.SendAsync("refunds/create", ShopifyBodies.RefundsCreate(9002, 2002, "2025-04-02T09:00:00-04:00", "30.00"), "wh-early-refund", 202);
        await pipeline.DrainAsync();

        Assert.Null(await Orders.FindAsync(shop.Id, "2002", default));
        var held = Assert.Single(await pipeline.Service<PendingRefundTable>().ForOrderAsync(shop.Id, "2002", default));
        Assert.Equal(("9002", 30.00m), (held.Refund.RefundId, held.Refund.Amount));
        Assert.Equal(0, pipeline.Host.OrderEvents.Poisoned);

        // The order's own webhook, delayed (Shopify retried it): created before the refund, so it does not list it.
        await shop.SendAsync("orders/create", ShopifyBodies.Order(2002, Customer, Email, "2025-04-01T09:00:00-04:00", "100.00"), "wh-late-order", 202);
        await pipeline.DrainAsync();

        var order = (await Orders.FindAsync(shop.Id, "2002", default))!;
        Assert.Equal((100.00m, "9002", 30.00m), (order.Total, Assert.Single(order.Refunds).RefundId, order.Refunds[0].Amount));
        Assert.Empty(await pipeline.Service<PendingRefundTable>().ForOrderAsync(shop.Id, "2002", default));
        Assert.Equal(100.00m, await NetRevenueAsync(shop.Id, new DateOnly(2025, 4, 1)));
        Assert.Equal(70.00m, await NetRevenueAsync(shop.Id, new DateOnly(2025, 4, 2)));
    }

    [Fact]
    public async Task A_full_refund_makes_the_order_refunded_and_no_longer_a_purchase()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "full-refund-shop", "full-refund-shop.myshopify.com");
        await shop.SendAsync("orders/create", ShopifyBodies.Order(2500, Customer, Email, "2025-05-01T09:00:00-04:00", "40.00"), "wh-o", 202);
        await pipeline.DrainAsync();
        await shop.SendAsync("refunds/create", ShopifyBodies.RefundsCreate(9500, 2500, "2025-05-03T09:00:00-04:00", "40.00"), "wh-r", 202);
        await pipeline.DrainAsync();

        Assert.Equal(OrderStatus.Refunded, (await Orders.FindAsync(shop.Id, "2500", default))!.Status);
        var snapshot = (await pipeline.Service<SnapshotService>().ComputeAsync(shop.Id, new DateOnly(2025, 5, 3), default)).Headline;
        Assert.Equal((0, 0m), (snapshot.Orders, snapshot.NetRevenue));
    }

    [Fact]
    public async Task Orders_delete_removes_the_stored_order_and_later_snapshots_no_longer_count_it()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "delete-shop", "delete-shop.myshopify.com");
        await shop.SendAsync("orders/create", ShopifyBodies.Order(3003, Customer, Email, "2025-06-01T10:00:00-04:00", "50.00"), "wh-3003", 202);
        await shop.SendAsync("orders/create", ShopifyBodies.Order(3004, 207119551, "bob@example.com", "2025-06-02T10:00:00-04:00", "20.00"), "wh-3004", 202);
        await pipeline.DrainAsync();
        Assert.Equal(70.00m, await NetRevenueAsync(shop.Id, new DateOnly(2025, 6, 30)));

        await shop.SendAsync("orders/delete", ShopifyBodies.OrdersDelete(3003), "wh-delete", 202);
        await shop.SendAsync("orders/delete", ShopifyBodies.OrdersDelete(3003), "wh-delete-again", 202); // deleting twice is harmless
        await shop.SendAsync("orders/delete", ShopifyBodies.OrdersDelete(7777), "wh-delete-unknown", 202); // never stored here
        await pipeline.DrainAsync();

        Assert.Null(await Orders.FindAsync(shop.Id, "3003", default));
        Assert.Equal(["3004"], (await Orders.ReadShopAsync(shop.Id, default)).Select(o => o.OrderId));
        var snapshot = (await pipeline.Service<SnapshotService>().ComputeAsync(shop.Id, new DateOnly(2025, 6, 30), default)).Headline;
        Assert.Equal((1, 1, 20.00m), (snapshot.Customers, snapshot.Orders, snapshot.NetRevenue));
        Assert.Equal(0, pipeline.Host.OrderEvents.Poisoned);
    }

    [Fact]
    public async Task Orders_edited_is_answered_200_and_the_orders_updated_that_follows_carries_the_new_total()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "edit-shop", "edit-shop.myshopify.com");
        await shop.SendAsync("orders/create", ShopifyBodies.Order(820982911946154508, Customer, Email, "2025-07-01T10:00:00-04:00", "404.95"), "wh-c", 202);
        await pipeline.DrainAsync();
        var blobs = await pipeline.RawEventCountAsync(shop.Id);

        // The documented orders/edited body lists line item deltas, no totals: nothing is stored from it.
        await shop.SendAsync("orders/edited", Encoding.UTF8.GetBytes(ShopifyTopicSamples.OrdersEdited), "wh-edited", 200);
        await pipeline.DrainAsync();
        Assert.Equal(blobs, await pipeline.RawEventCountAsync(shop.Id));
        Assert.Equal(404.95m, (await Orders.FindAsync(shop.Id, "820982911946154508", default))!.Total);

        await shop.SendAsync("orders/updated", ShopifyBodies.Order(820982911946154508, Customer, Email, "2025-07-01T10:00:00-04:00", "414.95",
            updatedAt: "2025-07-02T08:00:00-04:00"), "wh-u", 202);
        await pipeline.DrainAsync();
        Assert.Equal(414.95m, (await Orders.FindAsync(shop.Id, "820982911946154508", default))!.Total);
    }

    [Fact]
    public async Task Bad_deliveries_of_these_topics_are_refused_with_a_clear_4xx_and_store_nothing()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "guarded-topics", "guarded-topics.myshopify.com");
        var refund = ShopifyBodies.RefundsCreate(9100, 4004, "2025-03-05T12:00:00-05:00", "10.00");

        async Task<(HttpStatusCode Status, string Body)> Send(string topic, byte[] body, string id, string secret = ShopifyShop.AppSecret,
            string? domain = null, Action<HttpRequestMessage>? tamper = null)
        {
            using var response = await shop.PostAsync(topic, body, id, secret, domain, tamper);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("refunds/create", refund, "b1", secret: "not-the-app-secret")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send("orders/delete", ShopifyBodies.OrdersDelete(4004), "b2", domain: "someone-else.myshopify.com")).Status);
        var missing = await Send("refunds/create", refund, "b3", tamper: r => r.Headers.Remove(ShopifySignature.WebhookIdHeader));
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains(ShopifySignature.WebhookIdHeader, missing.Body);
        var truncated = await Send("refunds/create", refund[..(refund.Length / 2)], "b4");
        Assert.Equal(HttpStatusCode.BadRequest, truncated.Status);
        Assert.Contains("not valid JSON", truncated.Body);
        var noId = await Send("orders/delete", Encoding.UTF8.GetBytes("{\"order_id\":4004}"), "b5");
        Assert.Equal(HttpStatusCode.BadRequest, noId.Status);
        Assert.Contains("\"field\":\"id\"", noId.Body.Replace(" ", ""));
        var badEdit = await Send("orders/edited", Encoding.UTF8.GetBytes("{\"order_edit\":"), "b6");
        Assert.Equal(HttpStatusCode.BadRequest, badEdit.Status);

        await pipeline.DrainAsync();
        Assert.Equal(0, await pipeline.RawEventCountAsync(shop.Id));
        Assert.Empty(await pipeline.Service<PendingRefundTable>().ForOrderAsync(shop.Id, "4004", default));
        await foreach (var _ in pipeline.Storage.Table(StorageNames.PendingRefundsTable).QueryAsync<TableEntity>(e => e.PartitionKey == shop.Id))
            Assert.Fail("a refused delivery left a held refund");
    }
}
