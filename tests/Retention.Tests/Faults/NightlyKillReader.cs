using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Reports;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Datasets;

namespace Retention.Tests.Faults;

/// <summary>
/// A reader of one shop's day who follows the documented rules (<c>docs/storage.md</c> "Reading a day",
/// <c>docs/exports.md</c>), reading storage with the SDK and the report over HTTP, never through the code that wrote
/// them: what it would accept is checked to be whole, and the whole day can be laid out as text to compare two shops.
/// </summary>
public sealed class NightlyKillReader(PipelineHost pipeline, DateOnly asOf)
{
    private static readonly string[] StorageOwned = ["PartitionKey", "Timestamp", "odata.etag"];
    private string Day => asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<TableEntity?> SummaryAsync(string shop)
    {
        var found = await pipeline.Storage.Table(StorageNames.SnapshotsTable).GetEntityIfExistsAsync<TableEntity>(shop, Day);
        return found.HasValue ? found.Value : null;
    }

    public async Task<List<TableEntity>> DetailRowsAsync(string table, string shop)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in pipeline.Storage.Table(table).QueryAsync<TableEntity>(e => e.PartitionKey == $"{shop}:{Day}")) rows.Add(row);
        return rows;
    }

    /// <summary>The run ids of the day's dataset rows in one table, with how many rows carry each.</summary>
    public async Task<Dictionary<string, int>> RunsInAsync(string table, string shop) =>
        (await DetailRowsAsync(table, shop)).GroupBy(r => r.GetString("RunId") ?? "").ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// The tables' rule: no summary row (the day is not there), or one whose run id every detail row carries, in the
    /// numbers it records. Returns the summary's run id, or null when there is no summary.
    /// </summary>
    public async Task<string?> AssertTablesWholeAsync(string shop)
    {
        if (await SummaryAsync(shop) is not { } summary) return null;
        var runId = summary.GetString("RunId");
        Assert.False(string.IsNullOrEmpty(runId), "the summary row names no run");
        var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(summary.GetString("DatasetRows")!)!;
        Assert.Equal(NightlyDatasets.DayPartitionTables.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        foreach (var table in NightlyDatasets.DayPartitionTables)
        {
            var runs = await RunsInAsync(table, shop);
            // Settled (nothing running): the committed run's rows are all there, and no other run's.
            Assert.True(runs.Keys.All(r => r == runId) && runs.GetValueOrDefault(runId) == counts[table],
                $"{table} under summary run {runId} ({counts[table]} rows) holds {string.Join(", ", runs.Select(r => $"{r.Value} of run {r.Key}"))}");
        }
        return runId;
    }

    /// <summary>Every blob of the shop's day in the exports container: dataset files, markers, report, manifest.</summary>
    public async Task<Dictionary<string, byte[]>> ExportFilesAsync(string shop)
    {
        var container = pipeline.Storage.Blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var prefix in NightlyDatasets.Names.Append(SnapshotReportPaths.Folder).Select(d => $"{d}/shop={shop}/as_of={Day}/")
                     .Append(SnapshotExporter.ManifestPath(shop, asOf)))
            await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, default))
                files[blob.Name] = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
        return files;
    }

    /// <summary>
    /// The exports' rule: a manifest, and each dataset's <c>_SUCCESS</c>, lists only files that are there with the bytes
    /// it names; the manifest belongs to the run of the summary row beside it. Returns the manifest, if any.
    /// </summary>
    public async Task<ExportManifest?> AssertExportsWholeAsync(string shop, string? summaryRunId)
    {
        var files = await ExportFilesAsync(shop);
        foreach (var dataset in NightlyDatasets.Names)
            if (files.TryGetValue($"{SnapshotExporter.Directory(dataset, shop, asOf)}/{SnapshotExporter.SuccessName}", out var success))
                AssertListedFilesAreThere(JsonSerializer.Deserialize<ExportedFile[]>(success, JsonSerializerOptions.Web)!, files);
        if (!files.TryGetValue(SnapshotExporter.ManifestPath(shop, asOf), out var bytes)) return null;
        var manifest = JsonSerializer.Deserialize<ExportManifest>(bytes, JsonSerializerOptions.Web)!;
        Assert.Equal(NightlyDatasets.Names.Count * 2 + 1, manifest.Files.Count);
        AssertListedFilesAreThere(manifest.Files, files);
        Assert.True(manifest.RunId == summaryRunId, $"the manifest of run {manifest.RunId} is published beside the summary of run {summaryRunId}");
        return manifest;
    }

    private static void AssertListedFilesAreThere(IEnumerable<ExportedFile> listed, Dictionary<string, byte[]> files)
    {
        foreach (var file in listed)
        {
            Assert.True(files.TryGetValue(file.Path, out var content), $"{file.Path} is listed but missing");
            Assert.True(Sha256(content!) == file.Sha256, $"{file.Path} is not the file its marker lists");
        }
    }

    /// <summary>
    /// The report endpoint's rule, dated and latest: 404, or exactly the report the day's manifest lists. Returns the
    /// page served, or null for a 404.
    /// </summary>
    public async Task<byte[]?> AssertReportWholeAsync(string shop, ExportManifest? manifest)
    {
        var key = pipeline.ReportKey(shop);
        using var dated = await pipeline.Http.GetAsync($"api/report/{shop}/{Day}?key={key}");
        using var latest = await pipeline.Http.GetAsync($"api/report/{shop}?key={key}");
        byte[]? served = null;
        foreach (var response in new[] { dated, latest })
        {
            if (manifest is null)
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound,
                    $"{response.RequestMessage!.RequestUri!.AbsolutePath} served {(int)response.StatusCode} for a day with no manifest");
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served = await response.Content.ReadAsByteArrayAsync();
            var listed = Assert.Single(manifest.Files, f => f.Path == SnapshotReportPaths.Report(shop, asOf));
            Assert.Equal(listed.Sha256, Sha256(served));
        }
        return served;
    }

    /// <summary>
    /// The whole day as comparable lines, without what differs between two shops given the same history and between
    /// two runs (the shop id, the run id, the storage's timestamps, the publishing time): the summary row, every dataset
    /// row, every exported Parquet file's rows as DuckDB reads them, the CSV files, the manifest's entries and the report.
    /// </summary>
    public async Task<List<string>> DayAsTextAsync(string shop, string folder)
    {
        var lines = new List<string>();
        lines.Add("summary " + Describe((await SummaryAsync(shop))!));
        foreach (var table in NightlyDatasets.DayPartitionTables)
            lines.AddRange((await DetailRowsAsync(table, shop)).Select(r => $"{table} {r.RowKey} {Describe(r)}").Order(StringComparer.Ordinal));

        var files = await ExportFilesAsync(shop);
        var manifest = JsonSerializer.Deserialize<ExportManifest>(files[SnapshotExporter.ManifestPath(shop, asOf)], JsonSerializerOptions.Web)!;
        lines.AddRange(manifest.Files.Select(f => $"manifest {f.Path.Replace($"shop={shop}/", "shop=*/", StringComparison.Ordinal)} rows={f.Rows}"));
        foreach (var dataset in NightlyDatasets.Names)
        {
            var directory = SnapshotExporter.Directory(dataset, shop, asOf);
            var parquet = Path.Combine(folder, $"{shop}-{dataset}.parquet");
            await File.WriteAllBytesAsync(parquet, files[$"{directory}/{SnapshotExporter.PartName}.parquet"]);
            lines.AddRange(ParquetRows(parquet).Select(row => $"{dataset}.parquet {row}"));
            lines.Add($"{dataset}.csv {Sha256(files[$"{directory}/{SnapshotExporter.PartName}.csv"])}");
        }
        var report = Encoding.UTF8.GetString(files[SnapshotReportPaths.Report(shop, asOf)]).Replace(shop, "{shop}", StringComparison.Ordinal);
        lines.Add($"report {Sha256(Encoding.UTF8.GetBytes(report))}");
        return lines;
    }

    private static IEnumerable<string> ParquetRows(string file) =>
        DuckDbQuery.Rows($"select * from read_parquet('{file}')")
            .Select(values => string.Join(" | ", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));

    private static string Describe(TableEntity row) => string.Join(", ", row.Where(p => !StorageOwned.Contains(p.Key) && p.Key != "RunId")
        .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}"));

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
