using System.Net;
using System.Text;
using Azure.Data.Tables;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Datasets;
using Retention.Pipeline.Ingest;

namespace Retention.Tests.Integration;

/// <summary>The hand-computed shop through the whole pipeline: webhooks, queue, tables, nightly fan-out, snapshot.</summary>
public class NightlySnapshotTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private async Task SendHandComputedShopAsync(string shop)
    {
        var credentials = await pipeline.RegisterShopAsync(shop, HandComputedShop.TimeZone);
        // The later versions go first: the store must end with them anyway.
        foreach (var (eventId, body) in HandComputedShop.Deliveries().Reverse())
        {
            using var response = await pipeline.PostGenericAsync(shop, body, credentials.WebhookSecret, eventId);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await pipeline.DrainAsync();
    }

    [Fact]
    public async Task The_nightly_fan_out_computes_the_hand_computed_figures_and_a_rerun_changes_nothing()
    {
        await SendHandComputedShopAsync("nightly-hand");
        var requests = await pipeline.Service<NightlySnapshotScheduler>().RequestAllAsync(default, HandComputedShop.AsOf);
        Assert.Contains(requests, r => r.Shop == "nightly-hand");
        await pipeline.DrainAsync();

        var snapshots = pipeline.Service<SnapshotTable>();
        var first = await snapshots.FindAsync("nightly-hand", HandComputedShop.AsOf, default);
        Assert.Equal(HandComputedShop.Expected("nightly-hand"), first);

        // The monthly cohort triangle of the hand-computed shop (see HandComputedShop): January {A}: A1 100, nothing in
        // February, A2 50 in March; February {B}: B1 50 (its 30 refunded), nothing in March (B2 refunded in full);
        // March {C, G}: C1 20 + G1 30.
        var writer = pipeline.Service<SnapshotDayWriter>();
        var cells = (await writer.ReadDayAsync(NightlyDatasets.Cohorts.Table, "nightly-hand", HandComputedShop.AsOf, default))
            .Where(r => r.GetString("Period") == "month")
            .ToDictionary(r => r.RowKey, r => (r.GetInt32("ActiveCustomers"), decimal.Parse(r.GetString("NetRevenue"), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new Dictionary<string, (int?, decimal)>
        {
            ["month:2025-01-01:0000"] = (1, 100m), ["month:2025-01-01:0001"] = (0, 0m), ["month:2025-01-01:0002"] = (1, 50m),
            ["month:2025-02-01:0000"] = (1, 50m), ["month:2025-02-01:0001"] = (0, 0m),
            ["month:2025-03-01:0000"] = (2, 50m),
        }, cells);
        var segments = await writer.ReadDayAsync(NightlyDatasets.RfmSegments.Table, "nightly-hand", HandComputedShop.AsOf, default);
        Assert.Equal(4, segments.Sum(r => r.GetInt32("Customers")));
        var months = await writer.ReadDayAsync(NightlyDatasets.Months.Table, "nightly-hand", HandComputedShop.AsOf, default);
        Assert.Equal(["2025-01", "2025-02", "2025-03"], months.Select(r => r.RowKey));

        var before = await DatasetRowsAsync(writer, "nightly-hand");
        var rerun = await pipeline.Service<SnapshotService>().ComputeAsync("nightly-hand", HandComputedShop.AsOf, default);
        Assert.Equal(first, rerun.Headline);
        Assert.Equal(before, await DatasetRowsAsync(writer, "nightly-hand"));
        var rows = new List<TableEntity>();
        await foreach (var row in pipeline.Storage.Table(StorageNames.SnapshotsTable).QueryAsync<TableEntity>(e => e.PartitionKey == "nightly-hand"))
            rows.Add(row);
        Assert.Single(rows);
        Assert.Equal(first, await snapshots.FindAsync("nightly-hand", HandComputedShop.AsOf, default));
    }

    [Fact]
    public async Task A_backfill_stores_each_day_as_the_nightly_run_of_that_day_would()
    {
        await SendHandComputedShopAsync("backfill-hand");
        var service = pipeline.Service<SnapshotService>();
        var days = await service.ComputeRangeAsync("backfill-hand", new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 11), null, default);
        Assert.Equal(4, days);

        var table = pipeline.Service<SnapshotTable>();
        Assert.Equal(HandComputedShop.Expected("backfill-hand"), await table.FindAsync("backfill-hand", HandComputedShop.AsOf, default));
        // The day before, by hand (ShopSnapshotCalculatorTests): A1 100, B1 50, B2 40, G1 30.
        Assert.Equal(220.00m, (await table.FindAsync("backfill-hand", new DateOnly(2025, 3, 9), default))!.NetRevenue);
        foreach (var day in new[] { new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 11) })
            Assert.Equal((await service.CalculateAsync("backfill-hand", day, default)).Headline, await table.FindAsync("backfill-hand", day, default));
        Assert.Null(await table.FindAsync("backfill-hand", new DateOnly(2025, 3, 12), default));
    }

    /// <summary>Every dataset row of the day as text, without the storage's own Timestamp and ETag, nor the run that wrote it.</summary>
    private static async Task<List<string>> DatasetRowsAsync(SnapshotDayWriter writer, string shop)
    {
        var rows = new List<string>();
        foreach (var table in NightlyDatasets.DayPartitionTables)
            foreach (var row in await writer.ReadDayAsync(table, shop, HandComputedShop.AsOf, default))
                rows.Add(table + "|" + row.RowKey + "|" + string.Join(",", row.Where(p => p.Key is not ("Timestamp" or "odata.etag" or "RunId"))
                    .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        Assert.NotEmpty(rows);
        return rows;
    }

    [Fact]
    public async Task A_pointer_to_a_missing_raw_event_lands_in_poison_and_the_rest_are_stored()
    {
        var credentials = await pipeline.RegisterShopAsync("poison-shop");
        var broken = System.Text.Json.JsonSerializer.Serialize(new OrderEventMessage("poison-shop", "generic", "lost",
            "poison-shop/generic/lost", DateTimeOffset.UtcNow), System.Text.Json.JsonSerializerOptions.Web);
        await pipeline.Storage.Queue(StorageNames.OrderEventsQueue).SendMessageAsync(broken);
        var body = Encoding.UTF8.GetBytes("""{"order_id":"ok","customer":{"id":"c"},"ordered_at":"2025-03-01T10:00:00Z","total":"5"}""");
        using (var response = await pipeline.PostGenericAsync("poison-shop", body, credentials.WebhookSecret, "msg_ok"))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await pipeline.DrainAsync();

        Assert.NotNull(await pipeline.Service<OrderTable>().FindAsync("poison-shop", "ok", default));
        var poison = (await pipeline.Storage.Queue(StorageNames.OrderEventsQueue + StorageNames.PoisonSuffix).ReceiveMessagesAsync(32)).Value;
        Assert.Contains(poison, m => m.MessageText == broken);
    }
}
