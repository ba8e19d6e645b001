using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Retention.Core.Orders;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Generic;
using Retention.Pipeline.Ingest;

namespace Retention.Tests.Integration;

/// <summary>The generic webhook route over real HTTP (Kestrel on 127.0.0.1) into real storage (Azurite).</summary>
public class WebhookIngestTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private static byte[] Order(string orderId, string updatedAt = "2025-03-01T10:00:00Z", string total = "59.90", string status = "paid") =>
        Encoding.UTF8.GetBytes($$"""
            {"order_id":"{{orderId}}","customer":{"id":"c-1"},"ordered_at":"2025-03-01T10:00:00Z","updated_at":"{{updatedAt}}",
             "total":"{{total}}","currency":"EUR","status":"{{status}}"}
            """);

    private async Task<TableEntity?> StoredRowAsync(string shop, string orderId)
    {
        var table = pipeline.Storage.Table(StorageNames.OrdersTable);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(OrderTable.PartitionKey(shop, orderId), TableKey.Escape(orderId));
        return row.HasValue ? row.Value : null;
    }

    [Fact]
    public async Task A_signed_order_is_answered_202_archived_raw_and_stored_after_the_queue()
    {
        var credentials = await pipeline.RegisterShopAsync("ingest-ok");
        var body = Order("1001");

        using var response = await pipeline.PostGenericAsync("ingest-ok", body, credentials.WebhookSecret, "msg_1001");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("msg_1001", answer.RootElement.GetProperty("eventId").GetString());
        var raw = await pipeline.Service<RawEventCatalog>().ReadAsync(RawEventArchive.BlobName("ingest-ok", "generic", "msg_1001"), default);
        Assert.NotNull(raw);

        await pipeline.DrainAsync();
        var order = await pipeline.Service<OrderTable>().FindAsync("ingest-ok", "1001", default);
        Assert.NotNull(order);
        Assert.Equal(("c:c-1", 59.90m, OrderStatus.Paid, "msg_1001"), (order.CustomerKey, order.Total, order.Status, order.SourceEventId));
    }

    [Fact]
    public async Task No_email_name_or_address_reaches_storage_yet_the_archived_event_normalizes_to_the_same_order()
    {
        var credentials = await pipeline.RegisterShopAsync("ingest-pii");
        var body = Encoding.UTF8.GetBytes("""
            {"order_id":"g-1","customer":{"email":"Jane.Doe@Example.org","name":"Jane Doe","phone":"+49 30 1234567"},
             "shipping_address":{"street":"Hauptstrasse 1","city":"Berlin"},"ordered_at":"2025-03-01T10:00:00Z","total":"12.00"}
            """);

        using (var response = await pipeline.PostGenericAsync("ingest-pii", body, credentials.WebhookSecret, "msg_g1"))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await pipeline.DrainAsync();

        var raw = (await pipeline.Service<RawEventCatalog>().ReadAsync(RawEventArchive.BlobName("ingest-pii", "generic", "msg_g1"), default))!.ToString();
        foreach (var personal in new[] { "Jane", "Doe", "Example.org", "1234567", "Hauptstrasse", "Berlin" })
            Assert.DoesNotContain(personal, raw, StringComparison.OrdinalIgnoreCase);
        var row = await StoredRowAsync("ingest-pii", "g-1");
        Assert.DoesNotContain("jane", string.Join("|", row!.Select(p => p.Value)), StringComparison.OrdinalIgnoreCase);

        var stored = await pipeline.Service<OrderTable>().FindAsync("ingest-pii", "g-1", default);
        var context = new ShopContext("ingest-pii", "EUR", credentials.CustomerIdSalt);
        var fromArchive = GenericOrderNormalizer.Normalize(Encoding.UTF8.GetBytes(raw), context, "msg_g1").Order!;
        var fromDelivery = GenericOrderNormalizer.Normalize(body, context, "msg_g1").Order!;
        Assert.Equal(fromDelivery.CustomerKey, fromArchive.CustomerKey);
        Assert.Equal(stored! with { Refunds = [] }, fromArchive with { Refunds = [] });
    }

    [Fact]
    public async Task A_duplicate_delivery_is_accepted_and_changes_nothing()
    {
        var credentials = await pipeline.RegisterShopAsync("ingest-dup");
        using (var first = await pipeline.PostGenericAsync("ingest-dup", Order("7"), credentials.WebhookSecret, "msg_7"))
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await pipeline.DrainAsync();
        var before = await StoredRowAsync("ingest-dup", "7");

        // Same webhook id, even with a different body: the first delivery stands.
        using var again = await pipeline.PostGenericAsync("ingest-dup", Order("7", total: "1.00"), credentials.WebhookSecret, "msg_7");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await pipeline.DrainAsync();

        var after = await StoredRowAsync("ingest-dup", "7");
        Assert.Equal(before!.ETag, after!.ETag);
        Assert.Equal("59.90", after.GetString("Total"));
        Assert.Equal(1, await pipeline.RawEventCountAsync("ingest-dup"));
    }

    [Fact]
    public async Task Versions_arriving_out_of_order_give_the_same_row_as_in_order()
    {
        var credentials = await pipeline.RegisterShopAsync("ingest-order");
        var early = ("2025-03-01T10:00:00Z", "paid");
        var late = ("2025-03-04T09:00:00Z", "fulfilled");

        foreach (var (orderId, sequence) in new[] { ("in-order", new[] { early, late }), ("reversed", new[] { late, early }) })
        {
            foreach (var (updatedAt, status) in sequence)
            {
                using var response = await pipeline.PostGenericAsync("ingest-order", Order(orderId, updatedAt, status: status),
                    credentials.WebhookSecret, $"msg_{orderId}_{status}");
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                await pipeline.DrainAsync();
            }
        }

        var table = pipeline.Service<OrderTable>();
        var inOrder = await table.FindAsync("ingest-order", "in-order", default);
        var reversed = await table.FindAsync("ingest-order", "reversed", default);
        Assert.Equal(OrderStatus.Fulfilled, inOrder!.Status);
        Assert.Equal(inOrder with { OrderId = "", SourceEventId = "", Refunds = [] },
            reversed! with { OrderId = "", SourceEventId = "", Refunds = [] });
    }

    [Fact]
    public async Task Processing_the_same_message_twice_gives_the_same_row()
    {
        var credentials = await pipeline.RegisterShopAsync("ingest-twice");
        using (var response = await pipeline.PostGenericAsync("ingest-twice", Order("5"), credentials.WebhookSecret, "msg_5"))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await pipeline.DrainAsync();
        var before = await StoredRowAsync("ingest-twice", "5");

        // The batch's message again, as a queue delivers it twice: the whole batch, then its event alone.
        var batch = Assert.Single((await pipeline.Service<RawEventCatalog>().ListAsync("ingest-twice", default)).Values).Blob;
        var again = await pipeline.Service<Retention.Pipeline.Processing.IntakeBatchStore>()
            .ProcessAsync(new IntakeBatchMessage("ingest-twice", batch, 1, DateTimeOffset.UtcNow), default);
        Assert.Equal(new Retention.Pipeline.Processing.IntakeBatchOutcome(1, 1, 0), again);
        Assert.Equal(before!.ETag, (await StoredRowAsync("ingest-twice", "5"))!.ETag);

        var message = new OrderEventMessage("ingest-twice", "generic", "msg_5", RawEventArchive.BlobName("ingest-twice", "generic", "msg_5"),
            DateTimeOffset.UtcNow);
        var body = await pipeline.Service<RawEventCatalog>().ReadAsync(message.Blob, default);
        var result = await pipeline.Service<Retention.Pipeline.Processing.SingleEventStore>().ProcessAsync(message, default, body);
        Assert.Equal(OrderUpsertResult.KeptNewer, result.Order);
        Assert.Equal(before.ETag, (await StoredRowAsync("ingest-twice", "5"))!.ETag);
    }

    public static TheoryData<string, int, string?> BadRequests => new()
    {
        { "bad-signature", 401, null },
        { "stale-timestamp", 401, null },
        { "future-timestamp", 401, null },
        { "unsigned", 401, null },
        { "other-shops-secret", 401, null },
        { "unknown-shop", 404, null },
        { "malformed-json", 400, "$" },
        { "schema-invalid", 400, "total" },
        { "wrong-currency", 400, "currency" },
        { "bad-webhook-id", 400, "webhook-id" },
        { "too-large", 413, null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_its_status_with_a_reason_and_stores_nothing(string @case, int status, string? field)
    {
        var shop = "bad-" + @case;
        var credentials = await pipeline.RegisterShopAsync(shop);
        var other = await pipeline.RegisterShopAsync("other-" + @case);
        var body = @case switch
        {
            "malformed-json" => Encoding.UTF8.GetBytes("{\"order_id\": \"1\", "),
            "schema-invalid" => Order("1", total: "twelve"),
            "wrong-currency" => Encoding.UTF8.GetBytes("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:00:00Z","total":"1","currency":"USD"}"""),
            "too-large" => Encoding.UTF8.GetBytes("{\"order_id\":\"1\",\"pad\":\"" + new string('x', 1024 * 1024) + "\"}"),
            _ => Order("1"),
        };
        var secret = @case switch
        {
            "unsigned" => null,
            "other-shops-secret" => other.WebhookSecret,
            _ => credentials.WebhookSecret,
        };
        var sentAt = @case switch
        {
            "stale-timestamp" => DateTimeOffset.UtcNow.AddMinutes(-6),
            "future-timestamp" => DateTimeOffset.UtcNow.AddMinutes(6),
            _ => DateTimeOffset.UtcNow,
        };
        var eventId = @case == "bad-webhook-id" ? "id with spaces" : "msg_" + @case;
        var target = @case == "unknown-shop" ? "no-such-shop" : shop;

        using var response = await pipeline.PostGenericAsync(target, body, secret, eventId, sentAt, request =>
        {
            if (@case == "bad-signature")
            {
                request.Headers.Remove("webhook-signature");
                request.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(new byte[32]));
            }
        });

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        if (field is not null) Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());

        await pipeline.DrainAsync();
        Assert.Equal(0, await pipeline.RawEventCountAsync(shop));
        Assert.Empty(await pipeline.Service<OrderTable>().ReadShopAsync(shop, default));
    }

    [Fact]
    public async Task Health_reports_storage_reachable()
    {
        using var response = await pipeline.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("reachable", health.RootElement.GetProperty("storage").GetProperty("table").GetString());
    }
}
