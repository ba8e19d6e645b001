using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Storage;
using Retention.Tests.Models;
using Retention.Tests.Support;
using Retention.Core.Datasets;
using Retention.Pipeline.Snapshots;

namespace Retention.Tests.Integration;

/// <summary>
/// The forecast through the pipeline itself: CDNOW's sample imported as a shop with the command line, the snapshot as of
/// the end of the papers' calibration period, and the published BG/NBD and Gamma-Gamma estimates read back from the
/// stored snapshot; a shop with too little data gets a reason instead of estimates.
/// </summary>
public class ForecastPipelineTests : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _directory = Directory.CreateTempSubdirectory("retention-forecast-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task RunAsync(params string[] arguments)
    {
        var result = await RetentionCli.RunAsync([.. arguments, "--storage", _azurite.ConnectionString, "--settings", Path.Combine(_directory, "local.settings.json")]);
        Assert.True(result.ExitCode == 0, $"retention {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Error}");
    }

    private async Task ImportAndSnapshotAsync(string shopId, IEnumerable<(string Customer, DateOnly Day, decimal Amount)> rows, DateOnly asOf)
    {
        var csv = Path.Combine(_directory, shopId + ".csv");
        var text = new StringBuilder("customer_id,order_id,ordered_at,amount\n");
        var n = 0;
        foreach (var (customer, day, amount) in rows)
            text.Append(customer).Append(',').Append(++n).Append(',').Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(',').Append(amount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        await File.WriteAllTextAsync(csv, text.ToString());
        await RunAsync("shops", "add", "--shop", shopId, "--timezone", "UTC", "--currency", "USD");
        await RunAsync("import", "--shop", shopId, "--format", "generic-csv", "--file", csv);
        await RunAsync("snapshot", "--shop", shopId, "--as-of", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static async Task<Dictionary<string, TableEntity>> ModelReportAsync(RetentionStorage storage, string shopId, DateOnly asOf) =>
        (await new SnapshotDayWriter(storage).ReadDayAsync(NightlyDatasets.ModelReport.Table, shopId, asOf, default))
        .ToDictionary(r => $"{r.GetString("Section")}:{r.GetString("Model")}:{r.GetString("Name")}");

    [Fact]
    public async Task Cdnow_imported_as_a_shop_gives_the_published_estimates_in_its_snapshot()
    {
        var asOf = CdnowSample.CalibrationEnd;
        await ImportAndSnapshotAsync("cdnow-sample", CdnowSample.Rows.Where(r => r.Day <= asOf), asOf);
        var storage = RetentionStorage.FromConnectionString(_azurite.ConnectionString);

        var summary = (await storage.Table(StorageNames.SnapshotsTable).GetEntityAsync<TableEntity>("cdnow-sample", "1997-09-30")).Value;
        Assert.Equal("fitted", summary.GetString("ForecastStatus"));
        var report = await ModelReportAsync(storage, "cdnow-sample", asOf);
        double Value(string key) => report[key].GetDouble("Value")!.Value;

        // Fader, Hardie & Lee (2005), within 0.1 % (../shared/reference/README.md).
        foreach (var (name, published) in new[] { ("r", 0.2425945), ("alpha", 4.4136019), ("a", 0.7929199), ("b", 2.4258881) })
            Assert.InRange(Value($"parameter:bgnbd:{name}"), published * 0.999, published * 1.001);
        Assert.InRange(Value("fit:bgnbd:log_likelihood"), -9582.429 * 1.001, -9582.429 * 0.999);
        // Gamma-Gamma's published estimates have two decimals: ours must round to them; the log-likelihood within 0.1 %.
        foreach (var (name, published) in new[] { ("p", 6.25), ("q", 3.74), ("gamma", 15.44) })
            Assert.Equal(published, Math.Round(Value($"parameter:gammagamma:{name}"), 2));
        Assert.InRange(Value("fit:gammagamma:log_likelihood"), -4055.918 * 1.001, -4055.918 * 0.999);
        Assert.Equal(2357, report["fit:bgnbd:log_likelihood"].GetInt32("Customers"));
        Assert.NotNull(report["holdout::chosen"].GetString("Text"));
        // The default holdout is the last quarter of the observed 272 days: 68 days.
        Assert.Equal("1997-07-24", report["holdout::calibration_end"].GetString("Text"));

        // Every customer has a forecast in the night's per-customer export.
        var exports = storage.Blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        var customers = await ParquetDatasetFile.ReadAsync(NightlyDatasets.Customers,
            (await exports.GetBlobClient($"{SnapshotExporter.Directory(NightlyDatasets.Customers.Name, "cdnow-sample", asOf)}/{SnapshotExporter.PartName}.parquet")
                .DownloadContentAsync()).Value.Content.ToStream(), default);
        var pAlive = NightlyDatasets.Customers.ColumnIndex("p_alive");
        Assert.Equal(2357, customers.Rows.Count);
        Assert.All(customers.Rows, row => Assert.InRange((double)row[pAlive]!, 0.0, 1.0));
    }

    [Fact]
    public async Task The_holdout_share_is_a_shop_setting_and_a_bad_one_is_refused_in_one_line()
    {
        var asOf = CdnowSample.CalibrationEnd;
        await ImportAndSnapshotAsync("cdnow-half", CdnowSample.Rows.Where(r => r.Day <= asOf), asOf);
        await RunAsync("shops", "add", "--shop", "cdnow-half", "--timezone", "UTC", "--currency", "USD", "--holdout-share", "0.5", "--clv-discount", "0.01");
        await RunAsync("snapshot", "--shop", "cdnow-half", "--as-of", "1997-09-30");
        var report = await ModelReportAsync(RetentionStorage.FromConnectionString(_azurite.ConnectionString), "cdnow-half", asOf);
        Assert.Equal("1997-05-17", report["holdout::calibration_end"].GetString("Text"));

        var bad = await RetentionCli.RunAsync("shops", "add", "--shop", "cdnow-half", "--timezone", "UTC", "--currency", "USD", "--holdout-share", "1.5",
            "--storage", _azurite.ConnectionString, "--settings", Path.Combine(_directory, "local.settings.json"));
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("holdout share", Assert.Single(bad.Error.Trim().Split('\n')));
    }

    [Fact]
    public async Task A_shop_with_too_little_data_gets_the_reason_and_no_estimates()
    {
        var asOf = new DateOnly(2025, 3, 31);
        await ImportAndSnapshotAsync("tiny-shop", [("a", new DateOnly(2025, 1, 5), 20m), ("a", new DateOnly(2025, 2, 5), 30m), ("b", new DateOnly(2025, 3, 1), 10m)], asOf);
        var storage = RetentionStorage.FromConnectionString(_azurite.ConnectionString);

        var summary = (await storage.Table(StorageNames.SnapshotsTable).GetEntityAsync<TableEntity>("tiny-shop", "2025-03-31")).Value;
        Assert.NotEqual("fitted", summary.GetString("ForecastStatus"));
        Assert.False(string.IsNullOrWhiteSpace(summary.GetString("ForecastReason")));
        var report = await ModelReportAsync(storage, "tiny-shop", asOf);
        Assert.DoesNotContain(report.Keys, k => k.StartsWith("parameter:", StringComparison.Ordinal));
        Assert.Equal(summary.GetString("ForecastReason"), report["forecast::reason"].GetString("Text"));
        // The historic figures are still there.
        Assert.Equal(2, summary.GetInt32("Customers"));
    }
}
