using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Retention.Core.Customers;
using Retention.Core.Spend;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Import;
using Retention.Pipeline.Privacy;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Datasets;
using Retention.Core.Shopify;

namespace Retention.Tests.Shopify;

/// <summary>
/// Shopify's mandatory compliance webhooks (customers/data_request, customers/redact, shop/redact) with their documented
/// bodies, over real HTTP, through the claim-check queue into Azurite; what is left afterwards is searched in every
/// table and blob the pipeline has.
/// </summary>
public class ShopifyPrivacyTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private RetentionStorage Storage => pipeline.Storage;

    private static byte[] Answer(string answerId, string customer, int score, string comment) => Encoding.UTF8.GetBytes($$"""
        {"answer_id":"{{answerId}}","survey_id":"s-1","customer":{{customer}},"kind":"nps","score":{{score}},
         "comment":"{{comment}}","submitted_at":"2025-06-20T10:00:00Z"}
        """);

    private async Task AnswerAsync(ShopifyShop shop, string answerId, string customer, int score, string comment)
    {
        using var response = await pipeline.PostSignedAsync($"api/feedback/{shop.Id}", Answer(answerId, customer, score, comment),
            shop.Credentials.WebhookSecret, "fb-" + answerId);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<PrivacyAuditEntry> AuditAsync(string shop, string webhookId) =>
        await pipeline.Service<PrivacyAuditTable>().FindAsync(shop, webhookId, default) ?? throw new Xunit.Sdk.XunitException("no audit row");

    private async Task<IReadOnlyList<string>> AuditRowTextAsync(string shop)
    {
        var texts = new List<string>();
        await foreach (var row in Storage.Table(StorageNames.PrivacyAuditTable).QueryAsync<TableEntity>(e => e.PartitionKey == shop))
            texts.Add(string.Join("|", row.Select(p => $"{p.Key}={p.Value}")));
        return texts;
    }

    [Fact]
    public async Task A_data_request_writes_exactly_that_customers_orders_and_answers_as_one_json_document()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "data-request-shop", "data-request-shop.myshopify.com");
        const long john = 191167, bob = 207119551;
        await shop.SendAsync("orders/create", ShopifyBodies.Order(770001, john, "john@example.com", "2025-06-01T10:00:00-04:00", "80.00"), "o-1", 202);
        // A guest checkout with the same e-mail before John had an account: found by the e-mail's hash.
        await shop.SendAsync("orders/create", ShopifyBodies.Order(770002, null, "John@Example.com", "2025-05-01T10:00:00-04:00", "20.00"), "o-2", 202);
        await shop.SendAsync("orders/create", ShopifyBodies.Order(770003, bob, "bob@example.com", "2025-06-02T10:00:00-04:00", "30.00"), "o-3", 202);
        await AnswerAsync(shop, "john-nps", $$"""{"id":"{{john}}"}""", 9, "Fast delivery");
        await AnswerAsync(shop, "bob-nps", $$"""{"id":"{{bob}}"}""", 3, "Bob would rather not say");
        await pipeline.DrainAsync();

        var request = ShopifyBodies.Compliance(ShopifyTopicSamples.CustomersDataRequest, shop.Domain, john, "john@example.com", [770001, 770002], 9999);
        await shop.SendAsync("customers/data_request", request, "dr-1", 200);
        await pipeline.DrainAsync();

        var blob = Storage.PrivacyExports.GetBlobClient($"{shop.Id}/9999.json");
        using var document = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString());
        var root = document.RootElement;
        Assert.Equal(["770001", "770002"], root.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).Order());
        Assert.Equal(80.00m, root.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("orderId").GetString() == "770001")
            .GetProperty("total").GetDecimal());
        var answer = Assert.Single(root.GetProperty("feedback").EnumerateArray());
        Assert.Equal(("john-nps", "Fast delivery"), (answer.GetProperty("answerId").GetString(), answer.GetProperty("comment").GetString()));
        Assert.Equal("9999", root.GetProperty("dataRequestId").GetString());
        var text = root.GetRawText();
        Assert.DoesNotContain("207119551", text);
        Assert.DoesNotContain("770003", text);
        Assert.DoesNotContain("@", text.Replace("\"about\"", ""), StringComparison.Ordinal);

        var audit = await AuditAsync(shop.Id, "dr-1");
        Assert.NotNull(audit.CompletedAt);
        Assert.Equal(($"privacy-exports/{shop.Id}/9999.json", 2, 1, "9999", 2), (audit.ExportBlob, audit.OrdersExported, audit.FeedbackExported,
            audit.DataRequestId, audit.OrdersNamed));
        Assert.All(await AuditRowTextAsync(shop.Id), row =>
        {
            Assert.DoesNotContain("john@example.com", row, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("191167", row);
            Assert.DoesNotContain("555-625-1199", row);
        });
        // The request itself named the customer; once done only the audit row remains of it.
        Assert.False(await Storage.RawEvents.GetBlobClient(RawEventArchive.BlobName(shop.Id, "shopify-privacy", "dr-1")).ExistsAsync());

        // Shopify delivering the same request again changes nothing.
        await shop.SendAsync("customers/data_request", request, "dr-1", 200);
        await pipeline.DrainAsync();
        Assert.Single(await pipeline.Service<PrivacyAuditTable>().ReadShopAsync(shop.Id, default));
        Assert.False(await Storage.RawEvents.GetBlobClient(RawEventArchive.BlobName(shop.Id, "shopify-privacy", "dr-1")).ExistsAsync());
        Assert.Equal(0, pipeline.Host.OrderEvents.Poisoned);
    }

    [Fact]
    public async Task A_customer_redact_leaves_no_row_or_blob_that_mentions_the_customer_and_keeps_everyone_elses()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "redact-shop", "redact-shop.myshopify.com");
        const long john = 115310627314723954, bob = 207119551;
        const string johnsComment = "Parcel left at door 17, call 0170 5556677";
        await shop.SendAsync("orders/create", ShopifyBodies.Order(880001, john, "john@example.com", "2025-06-01T10:00:00-04:00", "400.00"), "r-o1", 202);
        await shop.SendAsync("orders/updated", ShopifyBodies.Order(880001, john, "john@example.com", "2025-06-01T10:00:00-04:00", "400.00",
            updatedAt: "2025-06-02T10:00:00-04:00"), "r-o1-updated", 202);
        await shop.SendAsync("refunds/create", ShopifyBodies.RefundsCreate(880901, 880001, "2025-06-03T10:00:00-04:00", "25.00"), "r-refund", 202);
        await shop.SendAsync("orders/create", ShopifyBodies.Order(880002, null, "john@example.com", "2025-05-01T10:00:00-04:00", "60.00"), "r-o2", 202);
        // A refund held for an order of John's that is not stored here: named by Shopify in orders_to_redact.
        await shop.SendAsync("refunds/create", ShopifyBodies.RefundsCreate(880903, 880003, "2025-06-04T10:00:00-04:00", "5.00"), "r-held", 202);
        await shop.SendAsync("orders/create", ShopifyBodies.Order(990001, bob, "bob@example.com", "2025-06-05T10:00:00-04:00", "30.00"), "r-b1", 202);
        await AnswerAsync(shop, "john-1", $$"""{"id":"{{john}}"}""", 2, johnsComment);
        await AnswerAsync(shop, "john-guest", """{"email":"john@example.com"}""", 4, "As a guest I also complained");
        await AnswerAsync(shop, "bob-1", $$"""{"id":"{{bob}}"}""", 9, "Bob is happy");
        await pipeline.DrainAsync();

        // History imported from a file: one row of John's and one of Bob's in the same archived file.
        var file = Path.Combine(Path.GetTempPath(), $"redact-shop-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"customer_id,order_id,ordered_at,amount\r\n{john},880100,2024-11-02T10:00:00-04:00,35.00\r\n" +
                                           $"{bob},990100,2024-11-03T10:00:00-04:00,15.00\r\n");
        await pipeline.Service<HistoryImportService>().ImportAsync(new ImportRequest(shop.Id, file, "generic-csv"), new ImportProgress(), default);
        File.Delete(file);

        // A raw event archived before blobs carried their order and customer in metadata: found by reading it.
        var legacy = ShopifyBodies.Order(880004, john, "john@example.com", "2025-04-01T10:00:00-04:00", "10.00");
        var context = new Retention.Core.Orders.ShopContext(shop.Id, "USD", shop.Credentials.CustomerIdSalt);
        var legacyOrder = Retention.Core.Shopify.ShopifyOrderNormalizer.Normalize(legacy, context, "legacy-1").Order!;
        await pipeline.Service<RawEventArchive>().StoreOnceAsync(RawEventArchive.BlobName(shop.Id, "shopify", "legacy-1"),
            Retention.Core.Shopify.ShopifyEventRedactor.Redact(legacy, legacyOrder), new Dictionary<string, string> { ["shop"] = shop.Id }, default);

        // An earlier data request's export, and a night's key customers naming John (the top spender).
        await shop.SendAsync("customers/data_request", ShopifyBodies.Compliance(ShopifyTopicSamples.CustomersDataRequest, shop.Domain, john,
            "john@example.com", [880001], 4242), "r-dr", 200);
        await pipeline.DrainAsync();
        // An audience subscription whose endpoint does not answer: the night's webhooks naming John wait in the outbox.
        await pipeline.Service<Retention.Pipeline.Audiences.AudienceSubscriptionTable>().SaveAsync(new Retention.Core.Audiences.Delivery.AudienceSubscription(
            shop.Id, "sub_redact", new Uri("http://127.0.0.1:9/hooks"), [], true, DateTimeOffset.UtcNow), default);
        await pipeline.Service<SnapshotService>().ComputeAsync(shop.Id, AsOf, default);

        var johnsKeys = new[] { CustomerKey.FromPlatformId($"{john}"), CustomerKey.FromEmail("john@example.com", shop.Credentials.CustomerIdSalt) };
        string[] needles = [$"{john}", "john@example.com", johnsKeys[1][2..], johnsComment, "880001", "880002", "880003", "880004", "880100", "880901"];
        var before = await StoredData.MentionsAsync(Storage, needles);
        Assert.Contains(before, m => m.StartsWith(NightlyDatasets.Customers.Table + "/", StringComparison.Ordinal));
        Assert.Contains(before, m => m.StartsWith($"raw-events/{shop.Id}/import/", StringComparison.Ordinal));
        Assert.Contains(before, m => m.StartsWith("privacy-exports/", StringComparison.Ordinal));
        // The top spender is a VIP: in the audiences' stays and membership files, which the erasure must cut too.
        Assert.Contains(before, m => m.StartsWith(StorageNames.AudienceStaysContainer + "/", StringComparison.Ordinal));
        Assert.Contains(before, m => m.StartsWith(StorageNames.AudienceDeliveriesTable + "/", StringComparison.Ordinal));
        Assert.Contains(before, m => m.StartsWith($"exports/{NightlyDatasets.AudienceMembers.Name}/", StringComparison.Ordinal));
        var bobsBlobs = new[] { RawEventArchive.BlobName(shop.Id, "shopify", "r-b1"), RawEventArchive.BlobName(shop.Id, "feedback", "fb-bob-1") };

        var keyCustomersBefore = await KeyCustomerRowsAsync(shop.Id);
        Assert.Equal(keyCustomersBefore.Stored, keyCustomersBefore.Counted);

        var redact = ShopifyBodies.Compliance(ShopifyTopicSamples.CustomersRedact, shop.Domain, john, "john@example.com", [880001, 880002, 880003]);
        await shop.SendAsync("customers/redact", redact, "r-redact", 200);
        await pipeline.DrainAsync();

        Assert.Empty(await StoredData.MentionsAsync(Storage, needles));
        // John's key-customer row is gone and the day's summary counts one row fewer, so a reader still finds the day whole.
        Assert.Equal((keyCustomersBefore.Stored - 1, keyCustomersBefore.Stored - 1), await KeyCustomerRowsAsync(shop.Id));
        Assert.Equal(0, pipeline.Host.OrderEvents.Poisoned);

        // The night's per-customer export now lists Bob alone, and its day's manifest says so.
        var directory = SnapshotExporter.Directory(NightlyDatasets.Customers.Name, shop.Id, AsOf);
        var exports = Storage.Blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        var customers = await ParquetDatasetFile.ReadAsync(NightlyDatasets.Customers,
            (await exports.GetBlobClient($"{directory}/{SnapshotExporter.PartName}.parquet").DownloadContentAsync()).Value.Content.ToStream(), default);
        Assert.Equal([CustomerKey.FromPlatformId($"{bob}")], customers.Rows.Select(r => (string)r[0]!));
        var manifest = System.Text.Json.JsonDocument.Parse((await exports.GetBlobClient(SnapshotExporter.ManifestPath(shop.Id, AsOf)).DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(1, manifest.RootElement.GetProperty("files").EnumerateArray()
            .Single(f => f.GetProperty("path").GetString() == $"{directory}/{SnapshotExporter.PartName}.parquet").GetProperty("rows").GetInt32());

        // Bob's order (webhook and imported), answer and raw events are as they were.
        Assert.Equal(["990001", "990100"], (await pipeline.Service<OrderTable>().ReadShopAsync(shop.Id, default)).Select(o => o.OrderId));
        Assert.Equal(["bob-1"], (await pipeline.Service<FeedbackTable>().ReadShopAsync(shop.Id, default)).Select(a => a.AnswerId));
        var archived = await pipeline.Service<RawEventCatalog>().ListAsync(shop.Id, default);
        foreach (var name in bobsBlobs) Assert.True(archived.ContainsKey(name), name);
        var imported = await Storage.RawEvents.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None,
            $"{shop.Id}/import/", default).ToListAsync();
        var csv = (await Storage.RawEvents.GetBlobClient(Assert.Single(imported).Name).DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal($"customer_id,order_id,ordered_at,amount\r\n{bob},990100,2024-11-03T10:00:00-04:00,15.00\r\n", csv);
        Assert.True(imported[0].Metadata.ContainsKey("completedat"), "the import's checkpoint is kept with the file");

        var audit = await AuditAsync(shop.Id, "r-redact");
        Assert.NotNull(audit.CompletedAt);
        Assert.Equal(3, audit.Deleted.OrderRows);      // 880001, 880002 and the imported 880100
        Assert.Equal(2, audit.Deleted.FeedbackRows);   // John's answer as a customer and as a guest
        // The earlier data request's export, the night's per-customer and audience-membership exports rewritten (John, the
        // top spender, is a VIP), and the night's report withdrawn: it listed John among the key customers at risk.
        Assert.Equal(4, audit.Deleted.Exports);
        Assert.False(await Storage.Blobs.GetBlobContainerClient(StorageNames.ExportsContainer)
            .GetBlobClient(Retention.Pipeline.Reports.SnapshotReportPaths.Report(shop.Id, AsOf)).ExistsAsync());
        // Blobs: three order events (880001 twice, 880002), a refund, a held refund, the legacy event, two answers; plus the imported row cut.
        Assert.Equal(9, audit.Deleted.RawEvents);
        Assert.Equal(3, audit.OrdersNamed);
        Assert.Equal(2, audit.CustomerPseudonyms.Count);
        Assert.All(await AuditRowTextAsync(shop.Id), row => Assert.DoesNotContain("john@example.com", row, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_shop_redact_leaves_nothing_of_the_shop_and_everything_of_another()
    {
        var gone = await ShopifyShop.RegisterAsync(pipeline, "uninstalled-shop", "uninstalled-shop.myshopify.com");
        var kept = await ShopifyShop.RegisterAsync(pipeline, "staying-shop", "staying-shop.myshopify.com");
        foreach (var shop in new[] { gone, kept })
        {
            await shop.SendAsync("orders/create", ShopifyBodies.Order(110001, 301, "ann@example.com", "2025-06-01T10:00:00-04:00", "50.00"), "s-o1", 202);
            await shop.SendAsync("orders/create", ShopifyBodies.Order(110002, 302, "ben@example.com", "2025-06-10T10:00:00-04:00", "70.00"), "s-o2", 202);
            await shop.SendAsync("refunds/create", ShopifyBodies.RefundsCreate(110901, 110001, "2025-06-11T10:00:00-04:00", "5.00"), "s-r1", 202);
            await shop.SendAsync("refunds/create", ShopifyBodies.RefundsCreate(110902, 110099, "2025-06-11T10:00:00-04:00", "5.00"), "s-held", 202);
            await AnswerAsync(shop, $"{shop.Id}-a1", """{"id":"301"}""", 8, "Nice");
            await pipeline.Service<RetentionSpendTable>().RecordAsync(new RetentionSpendEntry(shop.Id, new DateOnly(2025, 6, 1), 100m, "cli-1", "mailing"), default);
            await shop.SendAsync("customers/data_request", ShopifyBodies.Compliance(ShopifyTopicSamples.CustomersDataRequest, shop.Domain, 301,
                "ann@example.com", [110001], 5151), "s-dr", 200);
        }
        await pipeline.DrainAsync();
        foreach (var shop in new[] { gone, kept }) await pipeline.Service<SnapshotService>().ComputeAsync(shop.Id, AsOf, default);

        var goneBefore = await StoredData.CountShopAsync(Storage, gone.Id);
        var keptBefore = await StoredData.CountShopAsync(Storage, kept.Id);
        foreach (var name in new[] { StorageNames.OrdersTable, StorageNames.FeedbackTable, StorageNames.RetentionSpendTable, StorageNames.SnapshotsTable,
                     NightlyDatasets.Cohorts.Table, StorageNames.PendingRefundsTable, StorageNames.ShopsTable, StorageNames.RawEventsContainer,
                     StorageNames.PrivacyExportsContainer, StorageNames.ExportsContainer })
            Assert.True(goneBefore[name] > 0, $"the test shop should have something in {name}");

        await gone.SendAsync("shop/redact", ShopifyBodies.Compliance(ShopifyTopicSamples.ShopRedact, gone.Domain), "s-redact", 200);
        await pipeline.DrainAsync();

        var goneAfter = await StoredData.CountShopAsync(Storage, gone.Id);
        Assert.All(goneAfter.Where(c => c.Key != StorageNames.PrivacyAuditTable), c => Assert.True(c.Value == 0, $"{c.Key} still holds {c.Value}"));
        Assert.Equal(keptBefore, await StoredData.CountShopAsync(Storage, kept.Id));
        Assert.NotNull(await pipeline.Service<Retention.Pipeline.Shops.ShopDirectory>().FindAsync(kept.Id, default));

        var audit = await AuditAsync(gone.Id, "s-redact");
        Assert.NotNull(audit.CompletedAt);
        Assert.Equal((2, 1), (audit.Deleted.OrderRows, audit.Deleted.FeedbackRows));
        // Every raw event of the shop (the shop/redact request's own copy is deleted once the request is completed).
        Assert.Equal(goneBefore[StorageNames.RawEventsContainer], audit.Deleted.RawEvents);
        // The data request's export, and every file the night published for the shop.
        Assert.Equal(1 + goneBefore[StorageNames.ExportsContainer], audit.Deleted.Exports);
        Assert.True(audit.Deleted.OtherRows >= 4, $"other rows {audit.Deleted.OtherRows}");

        // Shopify delivering it again is answered 200 (no data of the shop is held), and the shop's orders are refused.
        await gone.SendAsync("shop/redact", ShopifyBodies.Compliance(ShopifyTopicSamples.ShopRedact, gone.Domain), "s-redact", 200);
        await gone.SendAsync("orders/create", ShopifyBodies.Order(110003, 303, "cy@example.com", "2025-07-01T10:00:00-04:00", "10.00"), "s-late", 404);
        await pipeline.DrainAsync();
        Assert.All((await StoredData.CountShopAsync(Storage, gone.Id)).Where(c => c.Key != StorageNames.PrivacyAuditTable), c => Assert.Equal(0, c.Value));
        Assert.Equal(0, pipeline.Host.OrderEvents.Poisoned);
    }

    [Fact]
    public async Task Bad_compliance_deliveries_are_refused_with_a_clear_4xx_and_store_nothing()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "guarded-privacy", "guarded-privacy.myshopify.com");
        var body = ShopifyBodies.Compliance(ShopifyTopicSamples.CustomersRedact, shop.Domain);

        async Task<(HttpStatusCode Status, string Body)> Send(byte[] content, string id, string secret = ShopifyShop.AppSecret, string? domain = null,
            Action<HttpRequestMessage>? tamper = null)
        {
            using var response = await shop.PostAsync("customers/redact", content, id, secret, domain, tamper);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(body, "p1", secret: "not-the-app-secret")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(body, "p2", tamper: r => r.Headers.Remove(ShopifySignature.HmacHeader))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(body, "p3", domain: "someone-else.myshopify.com")).Status);
        var noTopic = await Send(body, "p4", tamper: r => r.Headers.Remove(ShopifySignature.TopicHeader));
        Assert.Equal(HttpStatusCode.BadRequest, noTopic.Status);
        Assert.Contains(ShopifySignature.TopicHeader, noTopic.Body);
        var truncated = await Send(body[..(body.Length - 3)], "p5");
        Assert.Equal(HttpStatusCode.BadRequest, truncated.Status);
        Assert.Contains("not valid JSON", truncated.Body);
        var otherShop = await Send(ShopifyBodies.Compliance(ShopifyTopicSamples.CustomersRedact, "someone-else.myshopify.com"), "p6");
        Assert.Equal(HttpStatusCode.BadRequest, otherShop.Status);
        Assert.Contains("shop_domain", otherShop.Body);

        await pipeline.DrainAsync();
        Assert.Equal(0, await pipeline.RawEventCountAsync(shop.Id));
        Assert.Empty(await pipeline.Service<PrivacyAuditTable>().ReadShopAsync(shop.Id, default));
    }

    /// <summary>The night's key-customer rows in the table, and how many its summary row says the night wrote there.</summary>
    private async Task<(int Stored, int Counted)> KeyCustomerRowsAsync(string shopId)
    {
        var day = SnapshotTable.RowKey(AsOf);
        var stored = 0;
        await foreach (var _ in Storage.Table(NightlyDatasets.Customers.Table).QueryAsync<TableEntity>(e => e.PartitionKey == $"{shopId}:{day}")) stored++;
        var summary = (await Storage.Table(StorageNames.SnapshotsTable).GetEntityAsync<TableEntity>(shopId, day)).Value;
        var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(summary.GetString(SnapshotTable.DatasetRowsProperty)!)!;
        return (stored, counts[NightlyDatasets.Customers.Table]);
    }
}
