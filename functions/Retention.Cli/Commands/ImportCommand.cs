using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Cli.Import;
using Retention.Core.Import.Lines;
using Retention.Pipeline.Import;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention import</c>: loads a shop's order history from a file through the webhooks' normalizer and
/// version rule (<c>docs/import.md</c>). Exits 0 once the file was read, skipped rows or not; a mistake that
/// stops it before any write is one line on stderr.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id (registered with 'retention shops add')", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "File format: generic-csv (docs/import.md), shopify-csv (Shopify's orders export), " +
                          "woocommerce-csv (the order export of WooCommerce's Customer / Order / Coupon Export), " +
                          "lines-csv (one row per line item, in the shop's own column names: give --columns)",
            Required = true,
        };
        var file = new Option<string>("--file") { Description = "The file to import (UTF-8 CSV with a header row, or it gzipped)", Required = true };
        var columns = new Option<string?>("--columns")
        {
            Description = "lines-csv only: target=SourceColumn,… (targets: " + string.Join(", ", LinesCsvColumns.Targets) + "; docs/import.md)",
        };
        var skips = new Option<string?>("--skips") { Description = "Where to write every skipped row (default: FILE's name with .skips.csv, beside it)" };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Table batches in flight at once",
            DefaultValueFactory = _ => ImportRequest.DefaultConcurrency,
        };
        var restart = new Option<bool>("--restart") { Description = "Read a file that was imported before again from its first row (writes only what is newer)" };
        var command = new Command("import", "Import a shop's order history from a file (see docs/import.md)") { shop, format, file, columns, skips, concurrency, restart };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var request = new ImportRequest(parse.GetValue(shop)!, parse.GetValue(file)!, parse.GetValue(format)!,
                parse.GetValue(restart), parse.GetValue(concurrency), parse.GetValue(columns));
            var skipReport = Path.GetFullPath(parse.GetValue(skips) ?? SkipReportFile.DefaultPath(request.FilePath));
            CheckUsage(request);
            var services = await context.ServicesAsync(cancellationToken);
            var result = await RunAsync(services.GetRequiredService<HistoryImportService>(), request, cancellationToken);
            await SkipReportFile.WriteAsync(skipReport, result.Skipped, cancellationToken);
            ImportSummaryPrinter.Print(result, skipReport, Console.Out);
            return 0;
        });
        return command;
    }

    /// <summary>Runs one import with its progress display; shared with <c>retention bench import</c>.</summary>
    public static Task<ImportResult> RunAsync(HistoryImportService service, ImportRequest request, CancellationToken cancellationToken)
    {
        var progress = new ImportProgress();
        return ImportProgressDisplay.RunAsync(progress, () => service.ImportAsync(request, progress, cancellationToken));
    }

    /// <summary>What can be told from the command line and the file system alone, before storage is touched.</summary>
    private static void CheckUsage(ImportRequest request)
    {
        if (!HistoryImportService.Formats.Contains(request.Format))
            throw new CliUsageException($"--format must be one of {string.Join(", ", HistoryImportService.Formats)}, not '{request.Format}'");
        if (request.Format == LinesCsvOrderReader.Format)
        {
            try
            {
                LinesCsvColumns.Parse(request.Columns);
            }
            catch (FormatException e)
            {
                throw new CliUsageException(e.Message);
            }
        }
        else if (request.Columns is not null)
        {
            throw new CliUsageException($"--columns is read by --format {LinesCsvOrderReader.Format} only: a {request.Format} file's header names its columns");
        }
        if (request.Concurrency is < 1 or > 64) throw new CliUsageException("--concurrency must be between 1 and 64");
        if (Directory.Exists(request.FilePath)) throw new CliUsageException($"--file '{request.FilePath}' is a directory, not a file");
        if (!File.Exists(request.FilePath)) throw new CliUsageException($"--file '{request.FilePath}' does not exist");
        try
        {
            using var _ = File.OpenRead(request.FilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--file '{request.FilePath}' cannot be read: {e.Message}");
        }
    }
}
