using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Retention.Core.Datasets;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Exports;

/// <summary>
/// What a privacy erasure does to the published exports. The per-customer dataset names customers: an erased
/// customer's rows are cut out of every published day of it (Parquet and CSV rewritten, the day's <c>_SUCCESS</c> and
/// manifest updated to the new row counts and hashes). A day's HTML report may list them among the customers at risk:
/// such a report is withdrawn (deleted, and dropped from its manifest) — it cannot be drawn again without the night's
/// figures, and the next night's report is whole. The aggregates stay, as they name no one. An erased shop loses every
/// export file.
/// </summary>
public sealed class ExportErasure(RetentionStorage storage)
{
    private BlobContainerClient Container => storage.Blobs.GetBlobContainerClient(StorageNames.ExportsContainer);

    /// <summary>Cuts the customers out of every published file of the datasets that name customers.</summary>
    /// <returns>the published files (a dataset's day) rewritten.</returns>
    public async Task<int> RemoveCustomersAsync(string shopId, IReadOnlySet<string> customerKeys, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        foreach (var dataset in NightlyDatasets.NamingCustomers)
            rewritten += await RemoveCustomersAsync(dataset, shopId, customerKeys, cancellationToken);
        return rewritten;
    }

    private async Task<int> RemoveCustomersAsync(Dataset named, string shopId, IReadOnlySet<string> customerKeys, CancellationToken cancellationToken)
    {
        var store = new BlobExportStore(Container);
        var rewritten = 0;
        var prefix = $"{named.Name}/shop={shopId}/";
        var parquet = $"/{SnapshotExporter.PartName}.parquet";
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            if (!blob.Name.EndsWith(parquet, StringComparison.Ordinal)) continue;
            var content = await Container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
            var dataset = await ParquetDatasetFile.ReadAsync(named, content.Value.Content.ToStream(), cancellationToken);
            var key = named.ColumnIndex("customer_key");
            var kept = dataset.Rows.Where(r => !customerKeys.Contains((string)r[key]!)).ToList();
            if (kept.Count == dataset.Rows.Count) continue;

            var directory = blob.Name[..^parquet.Length];
            var filtered = dataset with { Rows = kept };
            ExportedFile[] files =
            [
                await SnapshotExporter.WriteParquetAsync(store, directory, filtered, cancellationToken),
                await SnapshotExporter.WriteCsvAsync(store, directory, filtered, cancellationToken),
            ];
            await ReplaceEntriesAsync<ExportedFile[]>($"{directory}/{SnapshotExporter.SuccessName}",
                list => [.. list.Select(f => files.FirstOrDefault(n => n.Path == f.Path) ?? f)], store, cancellationToken);
            if (AsOf(directory) is { } day)
                await ReplaceEntriesAsync<ExportManifest>(SnapshotExporter.ManifestPath(shopId, day),
                    manifest => manifest with { Files = [.. manifest.Files.Select(f => files.FirstOrDefault(n => n.Path == f.Path) ?? f)] },
                    store, cancellationToken);
            rewritten++;
        }
        return rewritten;
    }

    /// <returns>the reports withdrawn.</returns>
    public async Task<int> WithdrawReportsAsync(string shopId, IReadOnlySet<string> customerKeys, CancellationToken cancellationToken)
    {
        var store = new BlobExportStore(Container);
        var withdrawn = 0;
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{Reports.SnapshotReportPaths.Folder}/shop={shopId}/",
                           cancellationToken))
        {
            var html = (await Container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            // Keys are HTML-encoded in the page; they hold no character encoding changes, so the plain key is what appears.
            if (!customerKeys.Any(key => html.Contains(key, StringComparison.Ordinal))) continue;
            var directory = blob.Name[..blob.Name.LastIndexOf('/')];
            if (AsOf(directory) is { } day)
                await ReplaceEntriesAsync<ExportManifest>(SnapshotExporter.ManifestPath(shopId, day),
                    manifest => manifest with { Files = [.. manifest.Files.Where(f => f.Path != blob.Name)] }, store, cancellationToken);
            await Container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
            withdrawn++;
        }
        return withdrawn;
    }

    /// <returns>the files deleted.</returns>
    public async Task<int> DeleteShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var prefix in SnapshotExporter.ShopPrefixes(shopId))
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
                if ((await Container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken)).Value) deleted++;
        return deleted;
    }

    /// <summary>Rewrites a marker or manifest if it exists (a day being published has none yet; it will list the new files).</summary>
    private async Task ReplaceEntriesAsync<T>(string path, Func<T, T> change, IExportStore store, CancellationToken cancellationToken)
    {
        var blob = Container.GetBlobClient(path);
        if (!(await blob.ExistsAsync(cancellationToken)).Value) return;
        var current = JsonSerializer.Deserialize<T>((await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToStream(), SnapshotExporter.ManifestJson);
        if (current is null) return;
        await SnapshotExporter.WriteJsonAsync(store, path, change(current), cancellationToken);
    }

    private static DateOnly? AsOf(string directory)
    {
        var part = directory[(directory.LastIndexOf("/as_of=", StringComparison.Ordinal) + "/as_of=".Length)..];
        return DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }
}
