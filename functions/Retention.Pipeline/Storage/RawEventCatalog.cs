using Azure.Storage.Blobs.Models;

namespace Retention.Pipeline.Storage;

/// <summary>One raw event as the archive holds it: its name, its metadata, and the blob it is in (its own, or an intake batch).</summary>
/// <param name="Body">the archived body when it was read with the listing (an intake batch's event); null for a blob of its own.</param>
public sealed record ArchivedRawEvent(string Name, IReadOnlyDictionary<string, string> Metadata, string Blob, BinaryData? Body);

/// <summary>
/// What a shop's raw record holds, by raw event name (<c>{shop}/{platform}/{delivery id}</c>): the events of its intake
/// batches and its blobs of their own (compliance requests, events put back on the queue alone, imported files, events
/// archived before batches). An event archived twice (a redelivery in a later batch) is listed once. For checks and
/// tools: it reads every batch of the shop.
/// </summary>
public sealed class RawEventCatalog(RetentionStorage storage)
{
    public async Task<IReadOnlyDictionary<string, ArchivedRawEvent>> ListAsync(string shopId, CancellationToken cancellationToken)
    {
        var events = new SortedDictionary<string, ArchivedRawEvent>(StringComparer.Ordinal);
        await foreach (var blob in storage.RawEvents.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, shopId + "/", cancellationToken))
        {
            if (!IntakeBatchFile.IsIntakeBatch(blob.Name))
            {
                events.TryAdd(blob.Name, new ArchivedRawEvent(blob.Name, new Dictionary<string, string>(blob.Metadata), blob.Name, null));
                continue;
            }
            var content = (await storage.RawEvents.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content;
            foreach (var e in IntakeBatchFile.Read(content.ToMemory()))
                events.TryAdd(e.RawEventBlob, new ArchivedRawEvent(e.RawEventBlob, e.Metadata, blob.Name, BinaryData.FromBytes(e.Body)));
        }
        return events;
    }

    /// <summary>The archived body of one raw event, wherever it is; null when the shop's archive does not hold it.</summary>
    public async Task<BinaryData?> ReadAsync(string rawEventName, CancellationToken cancellationToken)
    {
        if (await new RawEventArchive(storage).ReadAsync(rawEventName, cancellationToken) is { } own) return own;
        var shopId = rawEventName.Split('/')[0];
        return (await ListAsync(shopId, cancellationToken)).GetValueOrDefault(rawEventName)?.Body;
    }
}
