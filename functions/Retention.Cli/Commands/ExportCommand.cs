using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Reports;
using Retention.Pipeline.Snapshots;

namespace Retention.Cli.Commands;

/// <summary><c>retention export</c>: a day's export files in a local folder, laid out as in the exports container.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var asOf = new Option<string>("--as-of") { Description = "The day to export, YYYY-MM-DD, in the shop's time zone", Required = true };
        var to = new Option<string>("--to") { Description = "Folder to write into (created if missing)", DefaultValueFactory = _ => "exports" };
        var command = new Command("export", "Compute a shop's snapshot for one day and write its Parquet and CSV files and HTML report to a local folder, as the nightly job publishes them")
            { shop, asOf, to };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var day = CliValues.Date(parse.GetValue(asOf), "--as-of");
            var folder = parse.GetValue(to)!;
            if (File.Exists(folder)) throw new CliUsageException($"--to '{folder}' is a file, not a folder");
            var services = await context.ServicesAsync(cancellationToken);
            var snapshot = await services.GetRequiredService<SnapshotService>().CalculateAsync(parse.GetValue(shop)!, day, cancellationToken);
            var store = new DirectoryExportStore(folder);
            ExportManifest manifest;
            try
            {
                manifest = await services.GetRequiredService<SnapshotExporter>().PublishAsync(snapshot, store, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A local disk problem, not the storage account: say which folder and why.
                throw new CliUsageException($"cannot write to '{store.Root}': {e.Message}");
            }
            foreach (var file in manifest.Files.Where(f => f.Path.EndsWith(".parquet", StringComparison.Ordinal)))
                Console.WriteLine($"{file.Rows,9:N0} rows  {store.Locate(file.Path)}");
            Console.WriteLine($"{"report",14}  {store.Locate(SnapshotReportPaths.Report(snapshot.Headline.ShopId, day))}");
            Console.WriteLine($"exported {parse.GetValue(shop)} as of {day:yyyy-MM-dd}: {manifest.Files.Count} files, manifest {store.Locate(SnapshotExporter.ManifestPath(snapshot.Headline.ShopId, day))}");
            return 0;
        });
        return command;
    }
}
