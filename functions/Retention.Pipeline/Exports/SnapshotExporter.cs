using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Retention.Pipeline.Reports;
using Retention.Core.Datasets;
using Retention.Core.Nightly;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Telemetry;

namespace Retention.Pipeline.Exports;

/// <summary>One file of a published day: its path in the store, row count (null for the report, which has no rows), size and SHA-256.</summary>
public sealed record ExportedFile(string Path, int? Rows, long Bytes, string Sha256)
{
    /// <summary>The dataset a file belongs to (its first folder: <c>cohorts</c>, <c>reports</c>…), for the export metrics.</summary>
    public static string DatasetOf(string path) => path.Split('/', 2)[0];

    /// <summary>The file's format (its extension: <c>parquet</c>, <c>csv</c>, <c>html</c>).</summary>
    public static string FormatOf(string path) => System.IO.Path.GetExtension(path).TrimStart('.');
}

/// <summary>
/// What a published day holds: written last, so its presence means the day is complete (<c>docs/exports.md</c>).
/// <paramref name="RunId"/> is the run that published it, the <c>RunId</c> of the day's summary row in the tables
/// (null in manifests written before runs were recorded).
/// </summary>
public sealed record ExportManifest(string Shop, DateOnly AsOf, string? RunId, DateTimeOffset PublishedAt, IReadOnlyList<ExportedFile> Files);

/// <summary>
/// Publishes a night's datasets as Parquet and CSV, Hive-partitioned:
/// <c>{dataset}/shop={shop}/as_of={yyyy-MM-dd}/part-0000.parquet</c> (and <c>.csv</c>). Publishing is atomic for
/// readers who follow the markers: the day's <c>_SUCCESS</c> files and its manifest
/// <c>_manifests/shop={shop}/as_of={date}.json</c> are removed first, the data files written, each dataset's
/// <c>_SUCCESS</c> (its files and row counts) after its files, then the day's HTML report
/// (<see cref="SnapshotReportPaths.Report"/>), and the day's manifest last. A re-run replaces the day. Every file is
/// one upload, so a reader never opens half of one; while a day is being published again (or after a run that died
/// part-way, until its retry) it has no manifest, and a reader who follows the markers does not read it.
/// </summary>
public sealed class SnapshotExporter(TimeProvider clock, RetentionTracing tracing)
{
    public const string PartName = "part-0000";
    public const string SuccessName = "_SUCCESS";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Directory(string dataset, string shop, DateOnly asOf) =>
        $"{dataset}/shop={shop}/as_of={asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Every folder that holds files of the shop: one per dataset, the reports', and the manifests'.</summary>
    public static IEnumerable<string> ShopPrefixes(string shop) =>
        NightlyDatasets.Names.Append(Reports.SnapshotReportPaths.Folder).Select(d => $"{d}/shop={shop}/").Append($"_manifests/shop={shop}/");

    public static string ManifestPath(string shop, DateOnly asOf) =>
        $"_manifests/shop={shop}/as_of={asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json";

    /// <summary>Publishes the day under a run id of its own (<c>retention export</c>: no table snapshot to name).</summary>
    public Task<ExportManifest> PublishAsync(NightlyFigures night, IExportStore store, CancellationToken cancellationToken) =>
        PublishAsync(night, NightlyDatasets.RowsOf(night), SnapshotRun.NewId(clock), store, cancellationToken);

    /// <summary>Withdraws the day (<see cref="WithdrawAsync"/>), writes its files and markers, and the manifest last.</summary>
    /// <param name="datasets">the night's rows of every dataset (<see cref="NightlyDatasets.RowsOf"/>), the same the tables were written from.</param>
    public async Task<ExportManifest> PublishAsync(NightlyFigures night, IReadOnlyList<DatasetRows> datasets, string runId, IExportStore store,
        CancellationToken cancellationToken)
    {
        var (shop, asOf) = (night.ShopId, night.AsOf);

        await WithdrawAsync(shop, asOf, store, cancellationToken);

        var files = new List<ExportedFile>();
        foreach (var dataset in datasets)
        {
            var directory = Directory(dataset.Name, shop, asOf);
            var written = new[]
            {
                await WriteParquetAsync(store, directory, dataset, cancellationToken),
                await WriteCsvAsync(store, directory, dataset, cancellationToken),
            };
            await WriteJsonAsync(store, $"{directory}/{SuccessName}", written, cancellationToken);
            files.AddRange(written);
        }

        using (tracing.StartStage(RetentionTracing.NightStage.Report))
            files.Add(await WriteReportAsync(store, night, cancellationToken));

        var manifest = new ExportManifest(shop, asOf, runId, clock.GetUtcNow(), files);
        await WriteJsonAsync(store, ManifestPath(shop, asOf), manifest, cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Marks the day not published: its manifest first (the marker most readers follow), then each dataset's
    /// <c>_SUCCESS</c>. The files stay where they are until a run overwrites them; without markers no rule reads them.
    /// </summary>
    public static async Task WithdrawAsync(string shop, DateOnly asOf, IExportStore store, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(ManifestPath(shop, asOf), cancellationToken);
        foreach (var dataset in NightlyDatasets.Names) await store.DeleteAsync($"{Directory(dataset, shop, asOf)}/{SuccessName}", cancellationToken);
    }

    internal static Task<ExportedFile> WriteParquetAsync(IExportStore store, string directory, DatasetRows dataset, CancellationToken cancellationToken) =>
        WriteAsync(store, $"{directory}/{PartName}.parquet", dataset, "application/vnd.apache.parquet", ParquetDatasetFile.WriteAsync, cancellationToken);

    internal static Task<ExportedFile> WriteCsvAsync(IExportStore store, string directory, DatasetRows dataset, CancellationToken cancellationToken) =>
        WriteAsync(store, $"{directory}/{PartName}.csv", dataset, "text/csv; charset=utf-8", CsvDatasetFile.WriteAsync, cancellationToken);

    internal static JsonSerializerOptions ManifestJson => Json;

    private static async Task<ExportedFile> WriteAsync(IExportStore store, string path, DatasetRows dataset, string contentType,
        Func<DatasetRows, Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        // A temporary file, not a MemoryStream: a large shop's customers dataset is hundreds of MB as CSV, and a buffer of
        // it in memory, doubling as it grows, was the largest single allocation of the night's exports (bench nightly).
        var temporary = Path.GetTempFileName();
        await using var buffer = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await write(dataset, buffer, cancellationToken);
        await buffer.FlushAsync(cancellationToken);
        buffer.Position = 0;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(buffer, cancellationToken));
        buffer.Position = 0;
        await store.WriteAsync(path, buffer, contentType, cancellationToken);
        return new ExportedFile(path, dataset.Rows.Count, buffer.Length, hash);
    }

    /// <summary>The same night as a page for people, listed in the manifest like every data file.</summary>
    private static async Task<ExportedFile> WriteReportAsync(IExportStore store, NightlyFigures night, CancellationToken cancellationToken)
    {
        var path = SnapshotReportPaths.Report(night.ShopId, night.AsOf);
        var bytes = Encoding.UTF8.GetBytes(SnapshotReportPage.Render(night));
        using var buffer = new MemoryStream(bytes, writable: false);
        await store.WriteAsync(path, buffer, SnapshotReportPage.ContentType, cancellationToken);
        return new ExportedFile(path, null, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    internal static async Task WriteJsonAsync<T>(IExportStore store, string path, T value, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Json));
        await store.WriteAsync(path, buffer, "application/json", cancellationToken);
    }
}
