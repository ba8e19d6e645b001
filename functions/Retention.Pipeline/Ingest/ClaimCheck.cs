using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// The last step of every webhook route: archive the redacted event once under
/// <c>{shop}/{platform}/{event id}</c>, then queue the small pointer to it on <c>order-events</c>. A redelivery is
/// queued again on purpose: its first attempt may have archived the body and then failed to queue; the pointer
/// names the blob, which still holds the first delivery, and processing is idempotent, so no row changes.
/// </summary>
public sealed class ClaimCheck(RawEventArchive archive, RetentionStorage storage)
{
    /// <param name="metadata">platform-specific blob metadata, besides the shop, platform, webhook id and time received.</param>
    public async Task<IngestOutcome> AcceptAsync(string shopId, string platform, string eventId, byte[] archived, DateTimeOffset receivedAt,
        IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var blobName = RawEventArchive.BlobName(shopId, platform, eventId);
        var allMetadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>())
        {
            ["shop"] = shopId,
            ["platform"] = platform,
            ["webhookid"] = eventId,
            ["receivedat"] = receivedAt.ToString("O"),
        };
        var stored = await archive.StoreOnceAsync(blobName, archived, allMetadata, cancellationToken);
        await QueueMessages.SendAsync(storage.Queue(StorageNames.OrderEventsQueue),
            new OrderEventMessage(shopId, platform, eventId, blobName, receivedAt), cancellationToken);
        return IngestOutcome.Accepted(eventId, duplicate: !stored);
    }
}
