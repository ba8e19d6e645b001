using System.Net;
using System.Text;
using Azure.Data.Tables;
using Retention.Core.Orders;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Import;

/// <summary>An import and the webhooks meet in one orders table under one version rule, whichever comes first.</summary>
public class ImportAndWebhookTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private Task<RetentionCli.Result> Import(string shop, string file) => RetentionCli.RunAsync(
        "import", "--shop", shop, "--format", "generic-csv", "--file", file,
        "--storage", pipeline.Azurite.ConnectionString, "--settings", pipeline.Settings.Path);

    private static byte[] Webhook(string orderId, string updatedAt, string total, string status) => Encoding.UTF8.GetBytes($$"""
        {"order_id":"{{orderId}}","customer":{"id":"c-1"},"ordered_at":"2025-03-01T10:00:00Z","updated_at":"{{updatedAt}}",
         "total":"{{total}}","currency":"EUR","status":"{{status}}"}
        """);

    private string WriteCsv(string name, IEnumerable<string> orderIds)
    {
        var path = Path.Combine(Path.GetDirectoryName(pipeline.Settings.Path)!, name);
        File.WriteAllLines(path, ["customer_id,order_id,ordered_at,amount,status", .. orderIds.Select(id => $"c-1,{id},2025-03-01T10:00:00Z,80.00,paid")]);
        return path;
    }

    private async Task<ETagged> RowAsync(string shop, string orderId)
    {
        var row = await pipeline.Storage.Table(StorageNames.OrdersTable)
            .GetEntityAsync<TableEntity>(OrderTable.PartitionKey(shop, orderId), TableKey.Escape(orderId));
        return new ETagged(row.Value.ETag.ToString(), row.Value.GetString("Status"), row.Value.GetString("SourceEventId"));
    }

    private sealed record ETagged(string ETag, string Status, string Source);

    [Fact]
    public async Task A_webhooks_later_version_is_not_overwritten_by_an_import_of_an_older_one()
    {
        const string shop = "webhook-first";
        var credentials = await pipeline.RegisterShopAsync(shop);
        using (var response = await pipeline.PostGenericAsync(shop, Webhook("W1", "2025-03-05T10:00:00Z", "80.00", "refunded"),
                   credentials.WebhookSecret, "msg_w1_refunded"))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await pipeline.DrainAsync();
        var before = await RowAsync(shop, "W1");

        // Three new orders share W1's partition, so the import's batch for it conflicts and falls back order by order.
        var neighbours = ImportWorkspace.IdsInPartitionOf(shop, "W1", "N").Take(3).ToList();
        var result = await Import(shop, WriteCsv("older.csv", ["W1", .. neighbours, "X1", "X2"]));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("read 6 rows: 5 stored, 1 unchanged, 0 skipped", result.Output);
        Assert.Equal(before, await RowAsync(shop, "W1"));
        Assert.Equal(("refunded", "msg_w1_refunded"), (before.Status, before.Source));
        foreach (var id in neighbours.Append("X1"))
            Assert.StartsWith("import/", (await RowAsync(shop, id)).Source);
    }

    [Fact]
    public async Task A_webhooks_later_version_replaces_an_imported_order()
    {
        const string shop = "import-first";
        var credentials = await pipeline.RegisterShopAsync(shop);
        Assert.Equal(0, (await Import(shop, WriteCsv("first.csv", ["I1", "I2"]))).ExitCode);
        Assert.Equal("paid", (await RowAsync(shop, "I1")).Status);

        using (var response = await pipeline.PostGenericAsync(shop, Webhook("I1", "2025-03-02T09:00:00Z", "80.00", "cancelled"),
                   credentials.WebhookSecret, "msg_i1_cancelled"))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await pipeline.DrainAsync();

        var order = await pipeline.Service<OrderTable>().FindAsync(shop, "I1", default);
        Assert.Equal((OrderStatus.Cancelled, "msg_i1_cancelled"), (order!.Status, order.SourceEventId));
    }
}
