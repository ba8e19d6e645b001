using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Import;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Storage;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// Finds and removes archived raw events: all of a shop's, or one customer's. A customer's events are found by the
/// metadata the claim check writes on every event (<see cref="ClaimCheck.OrderIdMetadata"/>,
/// <see cref="ClaimCheck.CustomerMetadata"/>), one listing of the shop's prefix with no body read; an event archived
/// before that metadata existed is read and asked with the normalizer that stored it (<see cref="ArchivedEventSubject"/>).
/// A history import's file and an intake batch hold many customers, so only the customer's rows or events are cut out of them.
/// </summary>
public sealed partial class RawEventSweep(RetentionStorage storage, ILogger<RawEventSweep> logger)
{
    /// <summary>Deletes every blob of the shop in the container (its names all start with <c>{shop}/</c>), except <paramref name="keep"/>.</summary>
    public static async Task<int> DeleteShopAsync(BlobContainerClient container, string shopId, CancellationToken cancellationToken, string? keep = null)
    {
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, shopId + "/", cancellationToken))
            if (blob.Name != keep && (await container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value)
                deleted++;
        return deleted;
    }

    /// <summary>Deletes the customer's raw events, and cuts their rows out of imported files.</summary>
    /// <returns>blobs deleted plus imported rows cut.</returns>
    public async Task<int> DeleteCustomerAsync(ShopContext shop, CustomerMatch customer, CancellationToken cancellationToken)
    {
        var container = storage.RawEvents;
        var removed = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, shop.ShopId + "/", cancellationToken))
        {
            var platform = PlatformOf(blob.Name);
            if (platform == ShopifyPrivacyRequest.EventKind) continue; // a request is deleted by its own processing, once done
            if (platform == IntakeBatchFile.Segment)
            {
                if (IntakeBatchFile.MayHold(blob.Metadata, customer)) removed += await RedactIntakeBatchAsync(container.GetBlobClient(blob.Name), shop, customer, cancellationToken);
                continue;
            }
            if (platform == ImportArchive.Platform)
            {
                removed += await RedactImportedFileAsync(container.GetBlobClient(blob.Name), customer, cancellationToken);
                continue;
            }
            if (!await IsCustomersAsync(container, blob, platform, shop, customer, cancellationToken)) continue;
            if ((await container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value)
                removed++;
        }
        return removed;
    }

    private static async Task<bool> IsCustomersAsync(BlobContainerClient container, BlobItem blob, string platform, ShopContext shop,
        CustomerMatch customer, CancellationToken cancellationToken)
    {
        if (MatchesMetadata(blob.Metadata, customer) is { } matches) return matches;

        // Archived before the claim check named the subject in metadata: read it.
        try
        {
            var body = (await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content;
            return ArchivedEventSubject.Read(platform, body.ToMemory(), shop) is { } subject && customer.Matches(subject);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <returns>whether the subject the claim check named in metadata is the customer; null when it named none.</returns>
    private static bool? MatchesMetadata(IDictionary<string, string>? metadata, CustomerMatch customer)
    {
        metadata ??= new Dictionary<string, string>();
        var pseudonym = metadata.TryGetValue(ClaimCheck.CustomerMetadata, out var p) ? p : null;
        var orderId = metadata.TryGetValue(ClaimCheck.OrderIdMetadata, out var o) ? Uri.UnescapeDataString(o) : null;
        return pseudonym is not null || orderId is not null ? customer.MatchesMetadata(pseudonym, orderId) : null;
    }

    /// <summary>
    /// Rewrites an intake batch without the customer's events, with its index, or deletes it when none is left; on the
    /// condition that nobody wrote it meanwhile (else the next attempt of the request tries again). A batch still waiting
    /// for processing then stores nothing of the customer.
    /// </summary>
    private static async Task<int> RedactIntakeBatchAsync(BlobClient blob, ShopContext shop, CustomerMatch customer, CancellationToken cancellationToken)
    {
        var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
        var events = IntakeBatchFile.Read(download.Content.ToMemory());
        var kept = events.Where(e => e.Kind == ShopifyPrivacyRequest.EventKind || !(MatchesMetadata(new Dictionary<string, string>(e.Metadata), customer)
            ?? (ArchivedEventSubject.Read(e.Kind, e.Body, shop) is { } subject && customer.Matches(subject)))).ToList();
        if (kept.Count == events.Count) return 0;
        var unchanged = new BlobRequestConditions { IfMatch = download.Details.ETag };
        if (kept.Count == 0)
            await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, unchanged, cancellationToken);
        else
            await blob.UploadAsync(BinaryData.FromBytes(IntakeBatchFile.Write(kept)), new BlobUploadOptions
            {
                Conditions = unchanged,
                HttpHeaders = new BlobHttpHeaders { ContentType = download.Details.ContentType },
                Metadata = IntakeBatchFile.Index(kept),
            }, cancellationToken);
        return events.Count - kept.Count;
    }

    /// <summary>
    /// Rewrites an imported file without the customer's rows, keeping its metadata (the import's checkpoint), on the
    /// condition that nobody wrote it meanwhile (else the next attempt of the request tries again).
    /// </summary>
    private async Task<int> RedactImportedFileAsync(BlobClient blob, CustomerMatch customer, CancellationToken cancellationToken)
    {
        var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
        (string Text, int Removed) redacted;
        try
        {
            redacted = ImportedRowRedaction.Redact(download.Content.ToString(), customer);
        }
        catch (InvalidDataException e)
        {
            LogImportUnreadable(logger, blob.Name, e.Message);
            return 0;
        }
        if (redacted.Removed == 0) return 0;
        await blob.UploadAsync(BinaryData.FromString(redacted.Text), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfMatch = download.Details.ETag },
            HttpHeaders = new BlobHttpHeaders { ContentType = download.Details.ContentType },
            Metadata = download.Details.Metadata,
        }, cancellationToken);
        return redacted.Removed;
    }

    /// <summary><c>{shop}/{platform}/{name}</c>: the platform is the second segment.</summary>
    private static string PlatformOf(string blobName)
    {
        var parts = blobName.Split('/', 3);
        return parts.Length == 3 ? parts[1] : "";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Imported file {Blob} cannot be read as generic-csv ({Error}); left as it is")]
    private static partial void LogImportUnreadable(ILogger logger, string blob, string error);
}
