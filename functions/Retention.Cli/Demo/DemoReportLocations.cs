using Retention.Pipeline.Shops;
using Retention.Core.Shops;
using Microsoft.Extensions.DependencyInjection;
using Retention.Cli.LocalHost;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Http;
using Retention.Pipeline.Reports;
using Retention.Core.Nightly;
using Retention.Core.Datasets;

namespace Retention.Cli.Demo;

/// <summary>
/// The demo's last words: where its shop's report and exports are. It asks the running host for the report the
/// way a browser would (so a broken route fails the demo, not a reader later), names the published blob, and, when
/// given a folder, writes the day's exports and report there as <c>retention export</c> does.
/// </summary>
public static class DemoReportLocations
{
    public static async Task PrintAsync(LocalFunctionsHost host, HttpClient http, NightlyFigures snapshot, string? exportTo,
        TextWriter output, CancellationToken cancellationToken)
    {
        var (shop, day) = (snapshot.Headline.ShopId, snapshot.Headline.AsOf);
        var key = ReportAccessKey.For(shop, host.Services.GetRequiredService<ShopCredentialStore>().Find(shop)
            ?? throw new InvalidOperationException($"the host has no credentials for {shop}"));
        var route = HttpRoutes.Local(HttpRoutes.Report).Replace("{shop}", shop, StringComparison.Ordinal) + "?key=" + key;
        using var response = await http.GetAsync(route, cancellationToken);
        var page = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {route} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(page)}");

        output.WriteLine($"Report and exports of {shop} as of {day:yyyy-MM-dd}");
        output.WriteLine($"  served     {new Uri(host.BaseAddress, route)} answered {(int)response.StatusCode} ({page.Length / 1024.0:N0} KB of HTML); " +
                         $"after the demo, `./run.sh serve` serves it at http://127.0.0.1:7071{route}");
        var published = host.Services.GetRequiredService<IExportStore>();
        output.WriteLine($"  published  {published.Locate(SnapshotReportPaths.Report(shop, day))}, beside the day's Parquet and CSV exports");
        if (exportTo is null) return;

        var folder = new DirectoryExportStore(exportTo);
        var manifest = await host.Services.GetRequiredService<SnapshotExporter>().PublishAsync(snapshot, folder, cancellationToken);
        output.WriteLine($"  report     {folder.Locate(SnapshotReportPaths.Report(shop, day))}");
        output.WriteLine($"  exports    {folder.Root} ({NightlyDatasets.Names.Count} datasets as Parquet and CSV, {manifest.Files.Count} files; " +
                         $"manifest {folder.Locate(SnapshotExporter.ManifestPath(shop, day))})");
    }
}
