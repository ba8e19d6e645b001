using System.Globalization;
using Retention.Cli.Bench;
using Retention.Core.Orders;
using Retention.Pipeline.Privacy;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Privacy;

/// <summary>
/// A shop's erasure deletes its order rows in 100-row transactions over their keys, not a read, a delete and a change-log
/// row each: counted in storage requests against Azurite, with another shop's orders beside them untouched.
/// </summary>
public class ShopErasureAtScaleTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private static readonly DateTimeOffset Ordered = DateTimeOffset.Parse("2025-03-01T10:00:00Z", CultureInfo.InvariantCulture);

    private async Task StoreOrdersAsync(string shopId, int count)
    {
        var orders = Enumerable.Range(0, count).Select(i => new NormalizedOrder(shopId, $"o-{i}", $"c:{i % 700}", Ordered.AddHours(i), Ordered.AddHours(i),
            "EUR", 10m + i % 50, OrderStatus.Paid, null, [], false, "generic", $"wh-{i}"));
        foreach (var chunk in orders.GroupBy(o => OrderTable.PartitionKey(shopId, o.OrderId)).SelectMany(p => p.Chunk(OrderTable.MaxBatchSize)))
            await pipeline.Service<OrderTable>().UpsertBatchAsync(chunk, fallbackConcurrency: 4, default);
    }

    [Fact]
    public async Task Three_thousand_orders_go_in_a_few_dozen_requests_and_the_other_shops_stay()
    {
        await pipeline.RegisterShopAsync("erased-at-scale");
        await pipeline.RegisterShopAsync("kept-at-scale");
        await StoreOrdersAsync("erased-at-scale", 3_000);
        await StoreOrdersAsync("kept-at-scale", 300);
        var entry = new PrivacyAuditEntry("erased-at-scale", "wh-redact", "shop/redact", DateTimeOffset.UtcNow, null, null, null, [], 0,
            PrivacyCounts.None, null, 0, 0);

        using var requests = new StorageRequestCount(pipeline.Storage);
        var done = await pipeline.Service<ShopErasure>().EraseAsync("erased-at-scale", "erased-at-scale/none", entry, default);
        var tableRequests = requests.Snapshot()["table"];

        Assert.Equal(3_000, done.Deleted.OrderRows);
        Assert.Empty(await pipeline.Service<OrderTable>().ReadShopAsync("erased-at-scale", default));
        Assert.Equal(300, (await pipeline.Service<OrderTable>().ReadShopAsync("kept-at-scale", default)).Count);
        // 30 transactions and 3 pages of keys for the orders, a few dozen queries for the shop's other tables; one request
        // per order (as before) would be 6,000 and more.
        Assert.True(tableRequests < 300, $"{tableRequests} table requests to erase 3,000 orders");
    }
}
