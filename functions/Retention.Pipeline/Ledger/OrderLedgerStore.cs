using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Retention.Core.Ledger;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Ledger;

/// <summary>
/// A shop's ledger as last saved, the first change-log day it has not folded in for sure, when the run that saved it
/// started reading (every write finished before then is in it), and the blob's ETag.
/// </summary>
public sealed record StoredOrderLedger(OrderLedger Ledger, DateOnly ChangesFrom, DateTimeOffset ReadStartedAt, ETag ETag);

/// <summary>
/// The <c>order-ledgers</c> container: one blob per shop, <c>{shop}/orders.ledger</c> (<see cref="OrderLedgerFile"/>),
/// with the change-log day to resume from in its metadata. Saves are conditional on the ETag that was read, so of two
/// nights racing on one shop only one saves; the other's work is simply not kept. The blob is a cache of the
/// orders table: deleting it costs one full read, never a figure.
/// </summary>
public sealed partial class OrderLedgerStore(RetentionStorage storage, ILogger<OrderLedgerStore> logger)
{
    private const string ChangesFromKey = "changesfrom";
    private const string ReadStartedKey = "readstarted";

    public static string BlobName(string shopId) => $"{shopId}/orders.ledger";

    private BlobClient Blob(string shopId) =>
        storage.Blobs.GetBlobContainerClient(StorageNames.OrderLedgersContainer).GetBlobClient(BlobName(shopId));

    /// <summary>The saved ledger, or null when there is none or it cannot be read (another format version, damage).</summary>
    public async Task<StoredOrderLedger?> ReadAsync(string shopId, CancellationToken cancellationToken)
    {
        Response<BlobDownloadStreamingResult> download;
        try
        {
            download = await Blob(shopId).DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        using var result = download.Value;
        var properties = result.Details;
        // The blob is read whole into memory first: BinaryReader on a network stream makes one call per field.
        using var buffer = new MemoryStream(checked((int)Math.Max(0, properties.ContentLength)));
        await result.Content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        try
        {
            var ledger = OrderLedgerFile.Read(buffer);
            if (!properties.Metadata.TryGetValue(ChangesFromKey, out var text) ||
                !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var changesFrom))
                throw new InvalidDataException($"the blob has no valid '{ChangesFromKey}' metadata");
            if (!properties.Metadata.TryGetValue(ReadStartedKey, out var started) ||
                !DateTimeOffset.TryParseExact(started, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var readStartedAt))
                throw new InvalidDataException($"the blob has no valid '{ReadStartedKey}' metadata");
            return new StoredOrderLedger(ledger, changesFrom, readStartedAt, properties.ETag);
        }
        catch (InvalidDataException e)
        {
            LogLedgerUnusable(logger, shopId, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Saves the ledger if the blob is still the one read (<paramref name="readETag"/>; null: if there is none).
    /// </summary>
    /// <returns>false when another writer got there first.</returns>
    public async Task<bool> SaveAsync(OrderLedger ledger, DateOnly changesFrom, DateTimeOffset readStartedAt, ETag? readETag,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        OrderLedgerFile.Write(ledger, buffer);
        buffer.Position = 0;
        var options = new BlobUploadOptions
        {
            Metadata = new Dictionary<string, string>
            {
                [ChangesFromKey] = changesFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [ReadStartedKey] = readStartedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            },
            Conditions = readETag is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await Blob(ledger.ShopId).UploadAsync(buffer, options, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// The storage service's own clock (the Date header of a small request): the clock that stamps the change log's
    /// entries, so comparing the two needs no allowance for this host's clock. The header counts whole seconds, so
    /// this is up to a second early: a comparison with it errs towards one more full read, never one too few.
    /// </summary>
    public async Task<DateTimeOffset> ServerTimeAsync(CancellationToken cancellationToken)
    {
        var response = await storage.Blobs.GetBlobContainerClient(StorageNames.OrderLedgersContainer).GetPropertiesAsync(cancellationToken: cancellationToken);
        return response.GetRawResponse().Headers.Date
            ?? throw new InvalidOperationException("the storage service sent no Date header");
    }

    /// <summary>Forgets the shop's ledger: the next night rebuilds it from the orders table.</summary>
    public Task DiscardAsync(string shopId, CancellationToken cancellationToken) =>
        Blob(shopId).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The order ledger of shop {Shop} cannot be used ({Reason}); the night reads every order instead")]
    private static partial void LogLedgerUnusable(ILogger logger, string shop, string reason);
}
