using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Import;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// Finds and removes archived raw events: all of a shop's, or one customer's. A customer's events are found by the
/// metadata the claim check writes on every event (<see cref="ClaimCheck.OrderIdMetadata"/>,
/// <see cref="ClaimCheck.CustomerMetadata"/>), one listing of the shop's prefix with no body read; an event archived
/// before that metadata existed is read and asked with the normalizer that stored it (<see cref="ArchivedEventSubject"/>).
/// A history import's file holds many customers, so only the customer's rows are cut out of it.
/// </summary>
public sealed class RawEventSweep(RetentionStorage storage, ILogger<RawEventSweep> logger)
{
    /// <summary>Deletes every blob of the shop in the container (its names all start with <c>{shop}/</c>), except <paramref name="keep"/>.</summary>
    public async Task<int> DeleteShopAsync(BlobContainerClient container, string shopId, CancellationToken cancellationToken, string? keep = null)
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
            if (platform == ShopifyPrivacyRequest.Platform) continue; // a request is deleted by its own processing, once done
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
        var metadata = blob.Metadata ?? new Dictionary<string, string>();
        var pseudonym = metadata.TryGetValue(ClaimCheck.CustomerMetadata, out var p) ? p : null;
        var orderId = metadata.TryGetValue(ClaimCheck.OrderIdMetadata, out var o) ? Uri.UnescapeDataString(o) : null;
        if (pseudonym is not null || orderId is not null) return customer.MatchesMetadata(pseudonym, orderId);

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
            logger.LogWarning("Imported file {Blob} cannot be read as generic-csv ({Error}); left as it is", blob.Name, e.Message);
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
}
