using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Shopify;
using Retention.Pipeline.Shopify;

namespace Retention.Tests.Shopify;

/// <summary>The Shopify webhook service against a real Azurite, its services constructed by hand.</summary>
public class ShopifyWebhookServiceTests : IAsyncLifetime
{
    private const string ShopId = "shopify-shop";
    private const string Domain = "jsmith.myshopify.com";
    private const string Secret = "shpss_current_secret";
    private const string PreviousSecret = "shpss_previous_secret";
    private static readonly ShopifySettings Settings = new(Domain, Secret, PreviousSecret);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(ShopifySamples.OrdersCreate);

    private Azurite _azurite = null!;
    private RetentionStorage _storage = null!;
    private ShopifyWebhookService _service = null!;
    private RawEventArchive _archive = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _storage = RetentionStorage.FromConnectionString(_azurite.ConnectionString);
        await _storage.EnsureCreatedAsync(default);
        _service = CreateService(_storage, out _archive);
        await new ShopDirectory(_storage, new MemoryCache(new MemoryCacheOptions()))
            .SaveAsync(new Shop(ShopId, "America/New_York", "USD", DateTimeOffset.UtcNow, null), default);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private static ShopifyWebhookService CreateService(RetentionStorage storage, out RawEventArchive archive)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Shops:{ShopId}:WebhookSecret"] = "generic-secret",
            [$"Shops:{ShopId}:CustomerIdSalt"] = "salt",
        }).Build();
        archive = new RawEventArchive(storage);
        var activity = new ShopActivityTable(storage, NullLogger<ShopActivityTable>.Instance);
        return new ShopifyWebhookService(new ShopDirectory(storage, new MemoryCache(new MemoryCacheOptions())),
            new ShopCredentialStore(configuration), new ClaimCheck(new IntakeBatcher(storage, activity, TimeProvider.System, NoTelemetry.Tracing(), NoTelemetry.Metrics(), NullLogger<IntakeBatcher>.Instance), archive,
                activity, storage), TimeProvider.System, NullLogger<ShopifyWebhookService>.Instance);
    }

    private static ShopifyHeaders Headers(byte[] body, string webhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", string topic = "orders/create",
        string? secret = Secret, string domain = Domain) =>
        new(topic, secret is null ? null : ShopifySignature.Sign(secret, body), domain, webhookId,
            EventId: "59d6d79c-595f-4e7e-bc6f-72f5c3d0c66f", TriggeredAt: "2025-07-10T16:15:47.000000Z", ApiVersion: "2026-07");

    private Task<IngestOutcome> PostAsync(ShopifyHeaders headers, byte[]? body = null, ShopifySettings? settings = null, string shop = ShopId) =>
        _service.AcceptAsync(shop, headers, body ?? Body, settings ?? Settings, default);

    private Task<List<OrderEventMessage>> QueuedAsync() => ArchivedEvents.QueuedAsync(_storage);

    /// <summary>The shop's archived raw events, batched or not.</summary>
    private async Task<int> BlobCountAsync() => (await ArchivedEvents.NamesAsync(_storage, ShopId)).Count;

    private async Task<IReadOnlyDictionary<string, string>> MetadataAsync(string rawEventName) =>
        (await ArchivedEvents.OfShopAsync(_storage, ShopId))[rawEventName].Metadata;

    [Fact]
    public async Task A_signed_orders_create_is_answered_202_archived_redacted_and_queued()
    {
        var outcome = await PostAsync(Headers(Body, webhookId: "wh/1:create"));

        Assert.Equal((202, "wh/1:create"), (outcome.Status, outcome.EventId));
        var blobName = RawEventArchive.BlobName(ShopId, "shopify", "wh/1:create");
        Assert.Equal($"{ShopId}/shopify/wh%2F1%3Acreate", blobName);
        var metadata = await MetadataAsync(blobName);
        Assert.Equal("59d6d79c-595f-4e7e-bc6f-72f5c3d0c66f", metadata["shopifyeventid"]);
        Assert.Equal("2025-07-10T16:15:47.000000Z", metadata["shopifytriggeredat"]);
        Assert.Equal("orders/create", metadata["topic"]);

        var archived = (await ArchivedEvents.ReadAsync(_storage, blobName))!;
        Assert.DoesNotContain("example.com", archived.ToString());
        var fromArchive = ShopifyOrderNormalizer.Normalize(archived.ToMemory(), new ShopContext(ShopId, "USD", "salt"), "wh/1:create").Order!;
        Assert.Equal(("820982911946154508", "c:115310627314723954", 414.95m), (fromArchive.OrderId, fromArchive.CustomerKey, fromArchive.Total));

        var message = Assert.Single(await QueuedAsync());
        Assert.Equal((ShopId, "shopify", "wh/1:create", blobName), (message.Shop, message.Kind, message.EventId, message.Blob));
    }

    [Fact]
    public async Task A_body_signed_with_the_previous_secret_is_accepted_during_a_rotation()
    {
        Assert.Equal(202, (await PostAsync(Headers(Body, secret: PreviousSecret))).Status);
        Assert.Equal(401, (await PostAsync(Headers(Body, webhookId: "other", secret: PreviousSecret), settings: Settings with { PreviousSecret = null })).Status);
    }

    [Theory]
    [InlineData(ShopifySignature.TopicHeader)]
    [InlineData(ShopifySignature.ShopDomainHeader)]
    [InlineData(ShopifySignature.WebhookIdHeader)]
    public async Task A_missing_header_is_a_400_naming_it(string header)
    {
        var headers = Headers(Body);
        headers = header switch
        {
            ShopifySignature.TopicHeader => headers with { Topic = null },
            ShopifySignature.ShopDomainHeader => headers with { ShopDomain = "" },
            _ => headers with { WebhookId = null },
        };
        var outcome = await PostAsync(headers);
        Assert.Equal((400, header), (outcome.Status, outcome.Field));
        Assert.Equal(0, await BlobCountAsync());
    }

    [Fact]
    public async Task A_missing_or_bad_hmac_is_a_401_and_stores_nothing()
    {
        Assert.Equal(401, (await PostAsync(Headers(Body, secret: null))).Status);
        Assert.Equal(401, (await PostAsync(Headers(Body, secret: "wrong secret"))).Status);
        var tampered = Encoding.UTF8.GetBytes(ShopifySamples.OrdersCreate.Replace("414.95", "1.00"));
        Assert.Equal(401, (await PostAsync(Headers(Body), body: tampered)).Status);
        Assert.Equal(0, await BlobCountAsync());
        Assert.Empty(await QueuedAsync());
    }

    [Fact]
    public async Task A_delivery_for_another_shop_domain_is_a_401()
    {
        var outcome = await PostAsync(Headers(Body, domain: "someone-else.myshopify.com"));
        Assert.Equal(401, outcome.Status);
        Assert.Contains("someone-else.myshopify.com", outcome.Detail);
        Assert.Equal(202, (await PostAsync(Headers(Body, domain: "JSmith.MyShopify.com"))).Status);
    }

    [Fact]
    public async Task An_unknown_shop_or_one_without_shopify_settings_is_a_404()
    {
        Assert.Equal(404, (await _service.AcceptAsync("no-such-shop", Headers(Body), Body, Settings, default)).Status);
        Assert.Equal(404, (await _service.AcceptAsync(ShopId, Headers(Body), Body, null, default)).Status);
    }

    [Fact]
    public async Task A_duplicate_webhook_id_is_accepted_and_changes_nothing()
    {
        Assert.Equal(202, (await PostAsync(Headers(Body, webhookId: "dup"))).Status);
        var blobName = RawEventArchive.BlobName(ShopId, "shopify", "dup");

        var other = Encoding.UTF8.GetBytes(ShopifySamples.OrdersCreate.Replace("\"414.95\"", "\"1.00\""));
        var again = await PostAsync(Headers(other, webhookId: "dup"), body: other);

        Assert.Equal(202, again.Status);
        Assert.Equal(1, await BlobCountAsync());
        // The archive keeps the first delivery's body under the id; both deliveries are queued under that one name.
        Assert.Contains("414.95", (await ArchivedEvents.ReadAsync(_storage, blobName))!.ToString());
        Assert.All(await QueuedAsync(), m => Assert.Equal(blobName, m.Blob));
    }

    [Theory]
    [InlineData("collections/update")]
    [InlineData("app/uninstalled")]
    [InlineData("orders/edited")]
    public async Task Topics_that_carry_no_order_state_are_answered_200_and_store_nothing(string topic)
    {
        var body = Encoding.UTF8.GetBytes(topic == "orders/edited" ? ShopifyTopicSamples.OrdersEdited : "{\"id\":1}");
        var outcome = await PostAsync(Headers(body, topic: topic), body: body);
        Assert.Equal(200, outcome.Status);
        Assert.True(outcome.IsAccepted);
        Assert.Equal(0, await BlobCountAsync());
        Assert.Empty(await QueuedAsync());
        // Still only after a valid HMAC.
        Assert.Equal(401, (await PostAsync(Headers(body, topic: topic, secret: "wrong"), body: body)).Status);
    }

    [Fact]
    public async Task An_orders_edited_body_without_its_order_is_a_400()
    {
        var body = Encoding.UTF8.GetBytes("""{"order_edit":{"id":78912328}}""");
        var outcome = await PostAsync(Headers(body, topic: "orders/edited"), body: body);
        Assert.Equal((400, "order_edit.order_id"), (outcome.Status, outcome.Field));
    }

    [Fact]
    public async Task A_refund_is_archived_with_only_the_fields_it_is_read_by_and_queued()
    {
        var body = Encoding.UTF8.GetBytes(ShopifySamples.RefundsCreate);
        var outcome = await PostAsync(Headers(body, webhookId: "refund-1", topic: "refunds/create"), body: body);

        Assert.Equal(202, outcome.Status);
        var blobName = RawEventArchive.BlobName(ShopId, "shopify-refund", "refund-1");
        var archived = (await ArchivedEvents.ReadAsync(_storage, blobName))!.ToString();
        Assert.DoesNotContain("Things were damaged", archived);
        Assert.DoesNotContain("548380009", archived); // the staff member's user_id
        var metadata = await MetadataAsync(blobName);
        Assert.Equal("820982911946154508", metadata["orderid"]);
        Assert.Equal("refunds/create", metadata["topic"]);
        var message = Assert.Single(await QueuedAsync());
        Assert.Equal(("shopify-refund", blobName), (message.Kind, message.Blob));
    }

    [Fact]
    public async Task An_order_deletion_is_archived_as_its_id_and_queued()
    {
        var body = Encoding.UTF8.GetBytes(ShopifyTopicSamples.OrdersDelete);
        Assert.Equal(202, (await PostAsync(Headers(body, webhookId: "delete-1", topic: "orders/delete"), body: body)).Status);
        var archived = (await ArchivedEvents.ReadAsync(_storage, RawEventArchive.BlobName(ShopId, "shopify-deletion", "delete-1")))!.ToString();
        Assert.Equal("""{"id":"820982911946154508"}""", archived);
        Assert.Equal("shopify-deletion", Assert.Single(await QueuedAsync()).Kind);
    }

    [Theory]
    [InlineData("customers/data_request")]
    [InlineData("customers/redact")]
    [InlineData("shop/redact")]
    public async Task A_compliance_request_is_answered_200_and_queued_without_the_email_or_phone(string topic)
    {
        var sample = topic switch
        {
            "customers/data_request" => ShopifyTopicSamples.CustomersDataRequest,
            "customers/redact" => ShopifyTopicSamples.CustomersRedact,
            _ => ShopifyTopicSamples.ShopRedact,
        };
        var body = Encoding.UTF8.GetBytes(sample);
        var outcome = await PostAsync(Headers(body, webhookId: "privacy-1", topic: topic), body: body);

        Assert.Equal(200, outcome.Status);
        var archived = (await _archive.ReadAsync(RawEventArchive.BlobName(ShopId, "shopify-privacy", "privacy-1"), default))!.ToString();
        Assert.DoesNotContain("john@example.com", archived);
        Assert.DoesNotContain("555-625-1199", archived);
        Assert.Contains(topic, archived);
        Assert.Equal("shopify-privacy", Assert.Single(await QueuedAsync()).Kind);
    }

    [Theory]
    [InlineData("""{"shop_id": 954889, "shop_domain": "jsmith.myshopify.com", "customer": {"id": 191167""", "$")]
    [InlineData("""{"shop_id": 954889, "shop_domain": "jsmith.myshopify.com", "customer": {"phone": "555-625-1199"}}""", "customer")]
    [InlineData("""{"shop_id": 954889, "shop_domain": "jsmith.myshopify.com", "customer": {"id": 191167, "email": "not an address"}}""", "customer.email")]
    [InlineData("""{"shop_id": 954889, "shop_domain": "other.myshopify.com", "customer": {"id": 191167}, "orders_to_redact": []}""", "shop_domain")]
    [InlineData("""{"shop_id": 954889, "shop_domain": "jsmith.myshopify.com", "customer": {"id": 191167}, "orders_to_redact": 299938}""", "orders_to_redact")]
    public async Task A_bad_compliance_body_is_a_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var outcome = await PostAsync(Headers(body, topic: "customers/redact"), body: body);
        Assert.Equal((400, field), (outcome.Status, outcome.Field));
        Assert.Equal(0, await BlobCountAsync());
        Assert.Empty(await QueuedAsync());
    }

    [Fact]
    public async Task An_order_that_does_not_normalize_is_a_400_naming_the_field()
    {
        var body = Encoding.UTF8.GetBytes(ShopifySamples.OrdersCreate.Replace("\"currency\": \"USD\",", "\"currency\": \"EUR\","));
        var outcome = await PostAsync(Headers(body), body: body);
        Assert.Equal((400, "currency"), (outcome.Status, outcome.Field));
        Assert.Equal(0, await BlobCountAsync());
    }

    [Fact]
    public async Task Storage_down_is_a_503_with_retry_after()
    {
        var service = CreateService(RetentionStorage.FromConnectionString(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Convert.ToBase64String(new byte[64]) +
            ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;"), out _);
        var outcome = await service.AcceptAsync(ShopId, Headers(Body), Body, Settings, default);
        Assert.Equal(503, outcome.Status);
        Assert.NotNull(outcome.RetryAfter);
    }
}
