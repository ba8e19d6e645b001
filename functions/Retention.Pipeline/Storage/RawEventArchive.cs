using Azure;
using Azure.Storage.Blobs.Models;

namespace Retention.Pipeline.Storage;

/// <summary>
/// The raw events of every accepted delivery (as received, less personal data: see
/// <see cref="Retention.Core.Generic.GenericEventRedactor"/>), in the <c>raw-events</c> container under
/// <c>{shop}/{platform}/{escaped webhook id}</c>. It is the claim check for the queue (whose messages are
/// capped at 64 KB) and the record any day can be recomputed from. A blob is written once: a redelivery
/// with the same webhook id finds it there and leaves it as it was.
/// </summary>
public sealed class RawEventArchive(RetentionStorage storage)
{
    public static string BlobName(string shopId, string platform, string eventId)
    {
        var escaped = Uri.EscapeDataString(eventId);
        // EscapeDataString leaves '.', but a URL resolves "." and ".." segments away ("{shop}/generic/.." is "{shop}/"),
        // and Azure advises against names ending in dots. A delivery id ".." then shared its blob with any other
        // route's "..": the second was answered 202 as a duplicate, never stored, and its message poisoned. Trailing
        // dots are escaped too, so every id keeps a blob of its own (ids not ending in a dot are named as before).
        var kept = escaped.TrimEnd('.');
        return $"{shopId}/{platform}/{kept}{string.Concat(Enumerable.Repeat("%2E", escaped.Length - kept.Length))}";
    }

    /// <returns>true when stored now, false when this delivery was already archived.</returns>
    public async Task<bool> StoreOnceAsync(string blobName, ReadOnlyMemory<byte> body, IDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        var blob = storage.RawEvents.GetBlobClient(blobName);
        try
        {
            await blob.UploadAsync(new BinaryData(body), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = metadata,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <returns>true when the blob existed and was deleted.</returns>
    public async Task<bool> DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        (await storage.RawEvents.DeleteBlobIfExistsAsync(blobName, cancellationToken: cancellationToken)).Value;

    public async Task<BinaryData?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var result = await storage.RawEvents.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
