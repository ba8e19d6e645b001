using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Pipeline;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Pipeline.WooCommerce;
using Retention.Core.WooCommerce;

namespace Retention.Tests.WooCommerce;

/// <summary>One in-memory Azurite for the class, with storage created as the local host creates it.</summary>
public sealed class WooCommerceStorageFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;
    public RetentionStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Storage = RetentionStorage.FromConnectionString(Azurite.ConnectionString);
        await Storage.EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}

/// <summary>The WooCommerce webhook service, built by hand, against a real Azurite.</summary>
public class WooCommerceWebhookServiceTests(WooCommerceStorageFixture fixture) : IClassFixture<WooCommerceStorageFixture>
{
    private const string Secret = "wc_test_secret";
    private const string Salt = "woo-salt";

    private async Task<WooCommerceWebhookService> ServiceAsync(string shopId, RetentionStorage? storage = null)
    {
        storage ??= fixture.Storage;
        var directory = new ShopDirectory(storage, new MemoryCache(new MemoryCacheOptions()));
        if (storage == fixture.Storage)
            await directory.SaveAsync(new Shop(shopId, "America/Los_Angeles", "USD", DateTimeOffset.UtcNow), CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.ShopSetting(shopId, SettingNames.WebhookSecret)] = Secret,
            [SettingNames.ShopSetting(shopId, SettingNames.CustomerIdSalt)] = Salt,
        }).Build();
        var activity = new ShopActivityTable(storage, NullLogger<ShopActivityTable>.Instance);
        return new WooCommerceWebhookService(directory, new ShopCredentialStore(configuration), new ClaimCheck(new IntakeBatcher(storage, activity, TimeProvider.System, NoTelemetry.Tracing(), NoTelemetry.Metrics(), NullLogger<IntakeBatcher>.Instance), new RawEventArchive(storage),
            activity, storage),
            TimeProvider.System, NullLogger<WooCommerceWebhookService>.Instance);
    }

    private static WooCommerceWebhookHeaders Signed(byte[] body, string deliveryId, string topic = "order.created", string? signature = null) =>
        new(topic, topic.Split('.')[0], topic.Split('.').ElementAtOrDefault(1), signature ?? WooCommerceSignature.Sign(Secret, body),
            "12", deliveryId, "https://example.com/");

    /// <summary>The shop's archived raw events, by name, batched or not.</summary>
    private Task<List<string>> BlobsAsync(string shopId) => ArchivedEvents.NamesAsync(fixture.Storage, shopId);

    private Task<List<OrderEventMessage>> MessagesAsync(string shopId) => ArchivedEvents.QueuedAsync(fixture.Storage, shopId);

    [Fact]
    public async Task The_signed_shared_order_is_accepted_archived_without_personal_data_and_queued()
    {
        var service = await ServiceAsync("woo-ok");
        var (_, signature) = WooCommerceReference.Vector();
        var body = WooCommerceReference.OrderBody();

        var outcome = await service.AcceptAsync("woo-ok", Signed(body, "d41d8cd98f00b204e9800998ecf8427e", signature: signature), body, default);

        Assert.Equal(202, outcome.Status);
        var eventId = outcome.EventId!;
        Assert.StartsWith("d41d8cd98f00b204e9800998ecf8427e.", eventId);
        var blobName = RawEventArchive.BlobName("woo-ok", "woocommerce", eventId);
        Assert.Equal([blobName], await BlobsAsync("woo-ok"));
        var message = Assert.Single(await MessagesAsync("woo-ok"));
        Assert.Equal(("woocommerce", eventId, blobName), (message.Kind, message.EventId, message.Blob));

        var archived = (await ArchivedEvents.ReadAsync(fixture.Storage, blobName))!.ToString();
        foreach (var personal in new[] { "John", "Doe", "example.com", "Market", "Francisco", "555" })
            Assert.DoesNotContain(personal, archived, StringComparison.OrdinalIgnoreCase);
        var context = new ShopContext("woo-ok", "USD", Salt);
        var fromArchive = WooCommerceOrderNormalizer.Normalize(Encoding.UTF8.GetBytes(archived), context, eventId).Order!;
        var fromDelivery = WooCommerceOrderNormalizer.Normalize(body, context, eventId).Order!;
        Assert.Equal(WooCommerceReference.Described(fromDelivery), WooCommerceReference.Described(fromArchive));
        Assert.Equal(CustomerKey.FromEmail("john.doe@example.com", Salt), fromArchive.CustomerKey);
    }

    [Fact]
    public async Task The_creation_ping_is_answered_200_and_nothing_is_stored()
    {
        var service = await ServiceAsync("woo-ping");
        var ping = Encoding.ASCII.GetBytes("webhook_id=12");

        var unsigned = await service.AcceptAsync("woo-ping", new WooCommerceWebhookHeaders(null, null, null, null, null, null, null), ping, default);

        Assert.Equal(200, unsigned.Status);
        Assert.Empty(await BlobsAsync("woo-ping"));
        Assert.Empty(await MessagesAsync("woo-ping"));
        // Anything else unsigned is refused.
        var body = WooCommerceReference.OrderBody();
        Assert.Equal(401, (await service.AcceptAsync("woo-ping", Signed(body, "d1") with { Signature = null }, body, default)).Status);
    }

    [Fact]
    public async Task A_bad_signature_is_401_and_nothing_is_stored()
    {
        var service = await ServiceAsync("woo-401");
        var body = WooCommerceReference.OrderBody();
        var otherSecret = WooCommerceSignature.Sign("another_secret", body);

        Assert.Equal(401, (await service.AcceptAsync("woo-401", Signed(body, "d1", signature: otherSecret), body, default)).Status);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("29.35", "2.35"));
        Assert.Equal(401, (await service.AcceptAsync("woo-401", Signed(body, "d2"), tampered, default)).Status);

        Assert.Empty(await BlobsAsync("woo-401"));
        Assert.Empty(await MessagesAsync("woo-401"));
    }

    [Fact]
    public async Task An_unknown_shop_is_404()
    {
        var service = await ServiceAsync("woo-known");
        var body = WooCommerceReference.OrderBody();
        Assert.Equal(404, (await service.AcceptAsync("woo-unknown", Signed(body, "d1"), body, default)).Status);
    }

    [Fact]
    public async Task A_redelivery_is_accepted_and_changes_nothing_but_another_event_in_the_same_second_is_kept()
    {
        var service = await ServiceAsync("woo-dup");
        var body = WooCommerceReference.OrderBody();
        var first = await service.AcceptAsync("woo-dup", Signed(body, "same-second"), body, default);
        var blobName = RawEventArchive.BlobName("woo-dup", "woocommerce", first.EventId!);

        var again = await service.AcceptAsync("woo-dup", Signed(body, "same-second"), body, default);

        Assert.Equal(202, first.Status);
        Assert.Equal((202, first.EventId), (again.Status, again.EventId));
        Assert.Equal([blobName], await BlobsAsync("woo-dup"));
        // Both deliveries are queued; processing them changes the order once (the version rule), as the last part shows.
        Assert.Equal([first.EventId, first.EventId], (await MessagesAsync("woo-dup")).Select(m => m.EventId));
        Assert.Equal(OrderUpsertResult.Inserted, await ProcessAsync((await MessagesAsync("woo-dup"))[0]));
        Assert.Equal(OrderUpsertResult.KeptNewer, await ProcessAsync((await MessagesAsync("woo-dup"))[1]));

        // WooCommerce's delivery id only has second resolution: another order updated in the same second gets the same id.
        var other = JsonNode.Parse(body)!.AsObject();
        other["id"] = 728;
        var otherBody = JsonSerializer.SerializeToUtf8Bytes(other);
        var third = await service.AcceptAsync("woo-dup", Signed(otherBody, "same-second", "order.updated"), otherBody, default);
        Assert.Equal(202, third.Status);
        Assert.Equal(2, (await BlobsAsync("woo-dup")).Count);
    }

    [Fact]
    public async Task Unknown_topics_are_200_and_store_nothing()
    {
        var service = await ServiceAsync("woo-topics");
        var product = Encoding.UTF8.GetBytes("""{"id":93,"name":"Woo Single #1"}""");

        Assert.Equal(200, (await service.AcceptAsync("woo-topics", Signed(product, "d1", "coupon.updated"), product, default)).Status);
        Assert.Equal(200, (await service.AcceptAsync("woo-topics", Signed(product, "d2", "action.woocommerce_add_to_cart"), product, default)).Status);
        // Still signed first: an unsigned delivery of any topic is refused.
        Assert.Equal(401, (await service.AcceptAsync("woo-topics", Signed(product, "d3", "coupon.updated", signature: "AAAA"), product, default)).Status);

        Assert.Empty(await BlobsAsync("woo-topics"));
        Assert.Empty(await MessagesAsync("woo-topics"));
    }

    /// <summary>What SingleEventStore does once the lead adds the two WooCommerce cases (the lines given in the report).</summary>
    private async Task<OrderUpsertResult?> ProcessAsync(OrderEventMessage message)
    {
        var body = (await ArchivedEvents.ReadAsync(fixture.Storage, message.Blob))!;
        var orders = new OrderTable(fixture.Storage);
        switch (message.Kind)
        {
            case WooCommerceOrderNormalizer.EventKind:
                var normalized = WooCommerceOrderNormalizer.Normalize(body.ToMemory(), new ShopContext(message.Shop, "USD", Salt), message.EventId);
                return await orders.UpsertAsync(normalized.Order ?? throw new InvalidDataException(normalized.Problem!.ToString()), default);
            case WooCommerceOrderDeletion.EventKind:
                return await new WooCommerceOrderDeletionHandler(orders, NullLogger<WooCommerceOrderDeletionHandler>.Instance)
                    .ProcessAsync(message.Shop, body.ToMemory(), message.EventId, default);
            default:
                throw new InvalidDataException(message.Kind);
        }
    }

    [Fact]
    public async Task A_deletion_is_archived_and_cancels_the_stored_order_at_the_time_it_was_received()
    {
        var service = await ServiceAsync("woo-del");
        var body = WooCommerceReference.OrderBody();
        var deleted = Encoding.UTF8.GetBytes("""{"id":727}""");
        Assert.Equal(202, (await service.AcceptAsync("woo-del", Signed(body, "d1"), body, default)).Status);
        var before = DateTimeOffset.UtcNow;
        var deletion = await service.AcceptAsync("woo-del", Signed(deleted, "d2", "order.deleted"), deleted, default);
        Assert.Equal(202, deletion.Status);
        var again = await service.AcceptAsync("woo-del", Signed(deleted, "d2", "order.deleted"), deleted, default);
        Assert.Equal(202, again.Status);

        var messages = await MessagesAsync("woo-del");
        Assert.Equal(["woocommerce", "woocommerce-deletion", "woocommerce-deletion"], messages.Select(m => m.Kind));
        var deletionBlob = (await ArchivedEvents.ReadAsync(fixture.Storage, messages[1].Blob))!.ToString();
        Assert.Contains("\"id\":\"727\"", deletionBlob);

        // Deletion first (its creation not processed yet): nothing to cancel, nothing written.
        Assert.Null(await ProcessAsync(messages[1]));
        Assert.Null(await new OrderTable(fixture.Storage).FindAsync("woo-del", "727", default));

        Assert.Equal(OrderUpsertResult.Inserted, await ProcessAsync(messages[0]));
        Assert.Equal(OrderUpsertResult.Replaced, await ProcessAsync(messages[1]));
        Assert.Equal(OrderUpsertResult.KeptNewer, await ProcessAsync(messages[2]));
        Assert.Equal(OrderUpsertResult.KeptNewer, await ProcessAsync(messages[0]));

        var stored = (await new OrderTable(fixture.Storage).FindAsync("woo-del", "727", default))!;
        Assert.Equal(OrderStatus.Cancelled, stored.Status);
        Assert.Equal(stored.UpdatedAt, stored.CancelledAt);
        Assert.InRange(stored.CancelledAt!.Value, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(29.35m, stored.Total);
        Assert.Equal(deletion.EventId, stored.SourceEventId);
    }

    [Fact]
    public async Task A_deletion_without_an_id_is_400()
    {
        var service = await ServiceAsync("woo-del400");
        var body = Encoding.UTF8.GetBytes("""{"name":"x"}""");
        var outcome = await service.AcceptAsync("woo-del400", Signed(body, "d1", "order.deleted"), body, default);
        Assert.Equal((400, "id"), (outcome.Status, outcome.Field));
        Assert.Empty(await BlobsAsync("woo-del400"));
    }

    [Fact]
    public async Task A_bad_body_is_400_naming_the_field_and_nothing_is_stored()
    {
        var service = await ServiceAsync("woo-400");
        var order = JsonNode.Parse(WooCommerceReference.OrderBody())!.AsObject();
        order["currency"] = "EUR";
        var body = JsonSerializer.SerializeToUtf8Bytes(order);

        var outcome = await service.AcceptAsync("woo-400", Signed(body, "d1"), body, default);

        Assert.Equal((400, "currency"), (outcome.Status, outcome.Field));
        var noDelivery = await service.AcceptAsync("woo-400", Signed(body, "d1") with { DeliveryId = null }, body, default);
        Assert.Equal((400, "X-WC-Webhook-Delivery-ID"), (noDelivery.Status, noDelivery.Field));
        Assert.Empty(await BlobsAsync("woo-400"));
        Assert.Empty(await MessagesAsync("woo-400"));
    }

    [Fact]
    public async Task Storage_unavailable_is_503_with_retry_after()
    {
        // A port nothing listens on: every storage call fails to connect, as in an outage.
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        var down = RetentionStorage.FromConnectionString(System.Text.RegularExpressions.Regex.Replace(
            fixture.Azurite.ConnectionString, @"127\.0\.0\.1:\d+", $"127.0.0.1:{closedPort}"));
        var service = await ServiceAsync("woo-503", down);
        var body = WooCommerceReference.OrderBody();

        var outcome = await service.AcceptAsync("woo-503", Signed(body, "d1"), body, default);

        Assert.Equal(503, outcome.Status);
        Assert.NotNull(outcome.RetryAfter);
    }
}
