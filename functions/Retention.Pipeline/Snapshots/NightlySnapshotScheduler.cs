using Microsoft.Extensions.Logging;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// The nightly timer's work: one <c>snapshot-requests</c> message per shop, for yesterday in that shop's time
/// zone. The timer itself stays cheap; the per-shop work scales out through the queue.
/// </summary>
public sealed partial class NightlySnapshotScheduler(ShopDirectory shops, RetentionStorage storage, TimeProvider clock,
    ILogger<NightlySnapshotScheduler> logger)
{
    public async Task<IReadOnlyList<SnapshotRequestMessage>> RequestAllAsync(CancellationToken cancellationToken, DateOnly? asOf = null)
    {
        var now = clock.GetUtcNow();
        var queue = storage.Queue(StorageNames.SnapshotRequestsQueue);
        var requests = new List<SnapshotRequestMessage>();
        foreach (var shop in await shops.ListAsync(cancellationToken))
        {
            var request = new SnapshotRequestMessage(shop.Id, asOf ?? shop.NightlyAsOfDate(now));
            await QueueMessages.SendAsync(queue, request, cancellationToken);
            requests.Add(request);
        }
        LogSnapshotsRequested(logger, requests.Count);
        return requests;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Requested {Count} nightly snapshots")]
    private static partial void LogSnapshotsRequested(ILogger logger, int count);
}
