using System.Net;
using System.Text;
using Azure.Data.Tables;
using Retention.Core.Snapshots;
using Retention.Pipeline.Processing;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

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

        var rerun = await pipeline.Service<ShopSnapshotService>().ComputeAsync("nightly-hand", HandComputedShop.AsOf, default);
        Assert.Equal(first, rerun);
        var rows = new List<TableEntity>();
        await foreach (var row in pipeline.Storage.Table(StorageNames.SnapshotsTable).QueryAsync<TableEntity>(e => e.PartitionKey == "nightly-hand"))
            rows.Add(row);
        Assert.Single(rows);
        Assert.Equal(first, await snapshots.FindAsync("nightly-hand", HandComputedShop.AsOf, default));
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
