using Azure.Data.Tables;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Hostile;

/// <summary>
/// What is stored for a shop, counted from storage itself. A request writes only a raw-event blob (before its queue
/// message) or, for spend, a spend row; everything else comes later from the queue, which only ever carries a pointer
/// to such a blob. So "these two did not change" right after a refusal, and "only the shop's row is left" after the
/// queues drain, together show a refused input stored nothing anywhere.
/// </summary>
public static class ShopFootprint
{
    /// <summary>The shop's raw-event blobs plus its spend rows: what a request itself may have written.</summary>
    public static async Task<int> RequestWritesAsync(PipelineHost pipeline, string shopId) =>
        await pipeline.RawEventCountAsync(shopId) + await SpendRowsAsync(pipeline, shopId);

    public static async Task<int> SpendRowsAsync(PipelineHost pipeline, string shopId)
    {
        var n = 0;
        await foreach (var _ in pipeline.Storage.Table(StorageNames.RetentionSpendTable)
                           .QueryAsync<TableEntity>(e => e.PartitionKey == shopId, select: ["PartitionKey"])) n++;
        return n;
    }

    /// <summary>Every table row and blob of the shop, other than its registration row, by table or container.</summary>
    public static async Task<Dictionary<string, int>> EverythingAsync(PipelineHost pipeline, string shopId)
    {
        var counts = await StoredData.CountShopAsync(pipeline.Storage, shopId);
        counts[StorageNames.ShopsTable]--;
        return counts.Where(c => c.Value != 0).ToDictionary();
    }

    /// <summary>Messages that failed five times: an accepted input must never end there.</summary>
    public static async Task<int> PoisonedAsync(PipelineHost pipeline) =>
        (await new PoisonQueues(pipeline.Storage).PeekAsync(StorageNames.OrderEventsQueue, default)).Count;
}
