using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Retention.Cli.Settings;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Reports;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Nightly;
using Retention.Core.Datasets;

namespace Retention.Tests.Reports;

/// <summary>
/// Publishing and serving the report against Azurite and Kestrel: the exporter writes it beside the exports and lists
/// it in the manifest, <c>GET /api/report/{shop}[/{date}]</c> serves it with its CSP, refuses malformed input with
/// 400 and says why when there is nothing to serve, and <c>retention export</c> writes it into a folder.
/// </summary>
public class ReportEndpointTests(PipelineHost pipeline) : IClassFixture<PipelineHost>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("retention-report-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task RegisterAndStoreAsync(string shop)
    {
        var registrar = new ShopRegistrar(pipeline.Service<ShopDirectory>(), pipeline.Settings, TimeProvider.System);
        await registrar.RegisterAsync(shop, "Europe/Berlin", "EUR", null, default, ReportTestShop.Settings);
        var orders = ReportTestShop.Orders(shop, customers: 60);
        var table = pipeline.Service<OrderTable>();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, token) => await table.UpsertAsync(order, token));
        foreach (var answer in ReportTestShop.Answers(shop, orders)) await pipeline.Service<FeedbackTable>().UpsertAsync(answer, default);
    }

    private Task<NightlyFigures> ComputeAsync(string shop, DateOnly asOf) => pipeline.Service<SnapshotService>().ComputeAsync(shop, asOf, default);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task The_night_publishes_the_report_beside_the_exports_and_lists_it_in_the_day_manifest()
    {
        await RegisterAndStoreAsync("report-publish");
        await ComputeAsync("report-publish", ReportTestShop.AsOf);

        var container = pipeline.Storage.Blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        var report = container.GetBlobClient("reports/shop=report-publish/as_of=2025-06-30/report.html");
        var properties = (await report.GetPropertiesAsync()).Value;
        Assert.Equal("text/html; charset=utf-8", properties.ContentType);
        var bytes = (await report.DownloadContentAsync()).Value.Content.ToArray();

        var manifest = JsonDocument.Parse((await container.GetBlobClient("_manifests/shop=report-publish/as_of=2025-06-30.json").DownloadContentAsync()).Value.Content.ToArray());
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(NightlyDatasets.Names.Count * 2 + 1, files.Count);
        var listed = Assert.Single(files, f => f.GetProperty("path").GetString() == "reports/shop=report-publish/as_of=2025-06-30/report.html");
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("rows").ValueKind);
        Assert.Equal(bytes.Length, listed.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), listed.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task The_report_is_written_after_the_datasets_and_before_the_manifest_which_stays_last()
    {
        var orders = ReportTestShop.Orders("report-order", customers: 20);
        var snapshot = ReportTestShop.Snapshot(ReportTestShop.Shop("report-order"), orders, []);
        var store = new DirectoryExportStore(Path.Combine(_folder, "order"));
        var writes = new List<string>();
        await new SnapshotExporter(TimeProvider.System, new Retention.Pipeline.Telemetry.RetentionTracing()).PublishAsync(snapshot, new RecordingStore(store, writes), default);
        Assert.Equal(SnapshotExporter.ManifestPath("report-order", ReportTestShop.AsOf), writes[^1]);
        Assert.Equal(SnapshotReportPaths.Report("report-order", ReportTestShop.AsOf), writes[^2]);
        Assert.True(File.Exists(store.Locate(writes[^2])));
    }

    [Fact]
    public async Task Latest_serves_the_newest_published_day_and_a_date_serves_that_day_with_a_strict_csp()
    {
        await RegisterAndStoreAsync("report-days");
        // The newer day first: back-filling an older day afterwards must not make it the latest.
        await ComputeAsync("report-days", ReportTestShop.AsOf);
        await ComputeAsync("report-days", new DateOnly(2025, 5, 31));

        using var latest = await pipeline.Http.GetAsync($"api/report/report-days?key={pipeline.ReportKey("report-days")}");
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        Assert.Equal("text/html; charset=utf-8", latest.Content.Headers.ContentType?.ToString());
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            string.Join(", ", latest.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(", ", latest.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("data-as-of=\"2025-06-30\"", await latest.Content.ReadAsStringAsync());

        // Locally, the short address serves the same page.
        using var shortAddress = await pipeline.Http.GetAsync($"report/report-days?key={pipeline.ReportKey("report-days")}");
        Assert.Equal(HttpStatusCode.OK, shortAddress.StatusCode);
        Assert.Contains("data-as-of=\"2025-06-30\"", await shortAddress.Content.ReadAsStringAsync());

        using var day = await pipeline.Http.GetAsync($"api/report/report-days/2025-05-31?key={pipeline.ReportKey("report-days")}");
        Assert.Equal(HttpStatusCode.OK, day.StatusCode);
        Assert.Contains("data-as-of=\"2025-05-31\"", await day.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("api/report/Bad_Shop", "shop")]
    [InlineData("api/report/ab", "shop")]
    [InlineData("api/report/Bad_Shop/2025-06-30", "shop")]
    [InlineData("api/report/report-days/2025-13-01", "date")]
    [InlineData("api/report/report-days/30-06-2025", "date")]
    [InlineData("api/report/report-days/2025-6-30", "date")]
    public async Task A_malformed_shop_id_or_date_is_a_400_naming_the_field(string path, string field)
    {
        using var response = await pipeline.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await ProblemAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task No_report_is_a_404_that_says_why_to_the_shop_and_a_401_to_anyone_else()
    {
        await pipeline.RegisterShopAsync("nobody-here");
        var key = pipeline.ReportKey("nobody-here");
        using var unknown = await pipeline.Http.GetAsync($"api/report/nobody-here?key={key}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("has no published day yet", (await ProblemAsync(unknown)).GetProperty("detail").GetString());

        using var day = await pipeline.Http.GetAsync($"api/report/nobody-here/2024-01-01?key={key}");
        Assert.Equal(HttpStatusCode.NotFound, day.StatusCode);
        Assert.Contains("no report as of 2024-01-01", (await ProblemAsync(day)).GetProperty("detail").GetString());

        // Without the key, with another shop's, or for a shop that does not exist: the same 401, which says nothing of who exists.
        await pipeline.RegisterShopAsync("someone-else");
        foreach (var path in new[] { "api/report/nobody-here", $"api/report/nobody-here?key={pipeline.ReportKey("someone-else")}",
                     "api/report/never-registered?key=" + key, $"api/report/nobody-here/2024-01-01?key={key}x" })
        {
            using var refused = await pipeline.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/report/nobody-here") { Headers = { { "Authorization", "Bearer " + key } } };
        using var byHeader = await pipeline.Http.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.NotFound, byHeader.StatusCode);
    }

    [Fact]
    public async Task Retention_export_writes_the_report_into_the_folder_and_prints_where()
    {
        await RegisterAndStoreAsync("report-cli");
        var target = Path.Combine(_folder, "local");
        var result = await RetentionCli.RunAsync("export", "--shop", "report-cli", "--as-of", "2025-06-30", "--to", target,
            "--storage", pipeline.Azurite.ConnectionString, "--settings", Path.Combine(_folder, "local.settings.json"));
        Assert.True(result.ExitCode == 0, result.Error);
        var report = Path.Combine(target, "reports", "shop=report-cli", "as_of=2025-06-30", "report.html");
        Assert.Contains(report, result.Output);
        Assert.Contains("<title>Retention report: report-cli, as of 2025-06-30</title>", await File.ReadAllTextAsync(report));
    }

    /// <summary>Passes writes through to a folder and records their order.</summary>
    private sealed class RecordingStore(IExportStore inner, List<string> writes) : IExportStore
    {
        public Task WriteAsync(string path, Stream content, string contentType, CancellationToken cancellationToken)
        {
            writes.Add(path);
            return inner.WriteAsync(path, content, contentType, cancellationToken);
        }

        public Task DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);
        public Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken) => inner.ReadAsync(path, cancellationToken);
        public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
        public string Locate(string path) => inner.Locate(path);
    }
}
