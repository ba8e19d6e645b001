using Azure;
using Azure.Storage.Blobs.Models;
using Retention.Core.Orders;
using Retention.Pipeline.Storage;
using Retention.Core.Import;

namespace Retention.Pipeline.Import;

/// <summary>
/// An imported file's raw event: the file itself (a platform's export: its copy without personal data), as
/// <c>raw-events/{shop}/import/{sha256}.csv</c>, written once, so the shop's history can be recomputed from it like any webhook's. Its checkpoint lives in the same blob's
/// metadata: it is keyed by shop and content already, it is deleted with the shop's prefix, and it needs no
/// table or container of its own. Metadata writes are conditional on the ETag last seen, so two imports of the
/// same file into the same shop cannot both advance it: the second stops with a readable error.
/// </summary>
public sealed class ImportArchive(RetentionStorage storage)
{
    public const string Platform = "import";

    public static string BlobName(string shopId, string sha256) => $"{shopId}/{Platform}/{sha256}.csv";

    /// <summary>Names the file in each imported order's SourceEventId (<c>import/{sha256}.csv#L{line}</c>): the blob, within the shop.</summary>
    public static string SourceName(string sha256) => $"{Platform}/{sha256}.csv";

    /// <summary>
    /// Archives the file unless it is there already, and returns its checkpoint. A platform's export is archived as
    /// the format's copy of it (<see cref="OrderExportFormat.WriteArchiveCopy"/>: the columns the import reads, the
    /// e-mail as its salted hash), never as it is: it carries names, addresses and phones the webhooks never store.
    /// </summary>
    public async Task<ImportCheckpoint> StoreOnceAsync(string shopId, ImportFileScan scan, OrderExportFormat format, ShopContext shop,
        CancellationToken cancellationToken)
    {
        // A file archived by an earlier run is not read again to make its copy.
        if (await ReadCheckpointAsync(shopId, scan.Sha256, cancellationToken) is { } archived) return archived;
        var blob = storage.RawEvents.GetBlobClient(BlobName(shopId, scan.Sha256));
        try
        {
            await using var content = format.WriteArchiveCopy is { } writeCopy ? ArchiveCopy(scan.Path, writeCopy, shop) : ImportFileScan.OpenContent(scan.Path);
            var metadata = new Dictionary<string, string>
            {
                ["shop"] = shopId,
                ["platform"] = Platform,
                ["format"] = scan.Format,
                ["sha256"] = scan.Sha256,
                ["filename"] = Uri.EscapeDataString(System.IO.Path.GetFileName(scan.Path)),
                ["rows"] = scan.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["archivedat"] = DateTimeOffset.UtcNow.ToString("O"),
            };
            // The name still hashes the file as given, so the checkpoint is keyed by what the user imports.
            if (format.WriteArchiveCopy is not null) metadata["content"] = "redacted";
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
                Metadata = metadata,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Archived by an earlier run: the name is the content's hash, so it is this very file.
        }
        return await ReadCheckpointAsync(shopId, scan.Sha256, cancellationToken)
            ?? throw new InvalidOperationException($"the archived file {BlobName(shopId, scan.Sha256)} vanished while importing");
    }

    /// <summary>The format's copy of the file, in a temporary file that is deleted when the stream is closed.</summary>
    private static FileStream ArchiveCopy(string path, Action<TextReader, TextWriter, ShopContext> writeCopy, ShopContext shop)
    {
        var copy = new FileStream(System.IO.Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose);
        try
        {
            using (var text = ImportFileScan.OpenText(path))
            using (var writer = new StreamWriter(copy, ImportFileScan.Utf8, 1 << 16, leaveOpen: true))
                writeCopy(text, writer, shop);
            copy.Position = 0;
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public async Task<ImportCheckpoint?> ReadCheckpointAsync(string shopId, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.RawEvents.GetBlobClient(BlobName(shopId, sha256)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return ImportCheckpoint.FromMetadata(properties.Value.Metadata, properties.Value.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <exception cref="InvalidOperationException">another import of the same file moved the checkpoint since <paramref name="current"/> was read.</exception>
    public async Task<ImportCheckpoint> SaveCheckpointAsync(string shopId, string sha256, ImportCheckpoint current, ImportCheckpoint next,
        CancellationToken cancellationToken)
    {
        var blob = storage.RawEvents.GetBlobClient(BlobName(shopId, sha256));
        try
        {
            var metadata = next.ToMetadata();
            var response = await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = current.ETag }, cancellationToken);
            return next with { ETag = response.Value.ETag };
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new InvalidOperationException(
                $"another import of this file into shop '{shopId}' is running (its checkpoint moved); let it finish, then run this one again");
        }
    }
}
