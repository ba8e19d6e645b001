using Azure.Storage.Queues.Models;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Status;

/// <summary>
/// Reads <see cref="PipelineStatus"/> cheaply: per queue of <see cref="StorageNames.Queues"/> (every queue a trigger
/// reads) its properties, one peek and its poison queue's properties; per shop one query of <see cref="ShopActivityTable"/>
/// and one of one row of <see cref="NightRunTable"/>. Nothing is received or changed.
/// </summary>
public sealed class PipelineStatusReader(RetentionStorage storage, ShopActivityTable activity, NightRunTable nightRuns, TimeProvider clock)
{
    private const int ShopsInFlight = 8;

    public async Task<PipelineStatus> ReadAsync(IReadOnlyList<string> shopIds, CancellationToken cancellationToken)
    {
        var readAt = clock.GetUtcNow();
        var queues = await Task.WhenAll(StorageNames.Queues.Select(q => ReadQueueAsync(q, cancellationToken)));
        var shops = new ShopStatus[shopIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, shopIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ShopsInFlight, CancellationToken = cancellationToken },
            async (i, ct) => shops[i] = await ReadShopAsync(shopIds[i], ct));
        return new PipelineStatus(readAt, queues, shops);
    }

    public async Task<QueueStatus> ReadQueueAsync(string queue, CancellationToken cancellationToken)
    {
        var main = storage.Queue(queue);
        var properties = main.GetPropertiesAsync(cancellationToken);
        var front = main.PeekMessagesAsync(1, cancellationToken);
        var parked = storage.Queue(PoisonQueues.PoisonName(queue)).GetPropertiesAsync(cancellationToken);
        PeekedMessage[] peeked = (await front).Value;
        return new QueueStatus(queue, (await properties).Value.ApproximateMessagesCount, peeked.FirstOrDefault()?.InsertedOn,
            (await parked).Value.ApproximateMessagesCount);
    }

    public async Task<ShopStatus> ReadShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var deliveries = activity.ReadShopAsync(shopId, cancellationToken);
        var night = nightRuns.LatestAsync(shopId, cancellationToken);
        return new ShopStatus(shopId, await deliveries, await night);
    }
}
