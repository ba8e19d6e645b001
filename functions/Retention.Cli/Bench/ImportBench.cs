using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Retention.Core.Shops;
using Retention.Pipeline.Import;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Core.Generic;

namespace Retention.Cli.Bench;

/// <summary>
/// Runs <c>retention bench import</c> and returns its figures; writes nothing itself (<see cref="ImportBenchPrinter"/>
/// does). Imports a generated generic-csv history into a fresh bench shop, after the storage's plain table-batch rate for
/// the same rows. Disposing removes the file and, unless kept, the bench shop and its orders: after the figures are
/// shown, and also when the run failed part-way.
/// </summary>
/// <param name="import">runs one import (the command's, with its progress display).</param>
/// <param name="report">told each step as it is done, for progress.</param>
public sealed class ImportBench(
    ImportBenchOptions options,
    IServiceProvider services,
    Func<HistoryImportService, ImportRequest, CancellationToken, Task<ImportResult>> import,
    Action<ImportBenchStep> report) : IAsyncDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("retention-bench-");
    // A new shop each run: a file already imported into a shop is, rightly, not imported again.
    private readonly string _shopId = $"{BenchShopCleanup.Prefix}import-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
    private bool _registered;

    public async Task<ImportBenchFigures> RunAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(_directory.FullName, $"bench-{options.Orders}-{options.Seed}.csv");
        await BenchOrderCsv.WriteAsync(file, options.Orders, options.Seed, "EUR", cancellationToken);
        report(new ImportBenchStep.FileGenerated(options.Orders, new FileInfo(file).Length, file));

        // The plain rate first, on a scratch table that is dropped before the import starts, so neither run pays for the
        // other's rows.
        report(new ImportBenchStep.RawStarted(options.Orders, options.Concurrency));
        var raw = await new TableBatchBenchmark(services.GetRequiredService<RetentionStorage>())
            .MeasureAsync(options.Orders, options.Concurrency, cancellationToken);

        await services.GetRequiredService<ShopDirectory>().SaveAsync(new Shop(_shopId, "Europe/Berlin", "EUR", DateTimeOffset.UtcNow), cancellationToken);
        _registered = true;
        report(new ImportBenchStep.ImportStarted(_shopId));
        var result = await import(services.GetRequiredService<HistoryImportService>(),
            new ImportRequest(_shopId, file, GenericCsvOrderReader.Format, Concurrency: options.Concurrency), cancellationToken);
        if (result.Skipped.Count > 0)
            throw new InvalidOperationException($"the generated file had {result.Skipped.Count} skipped rows, the first: {result.Skipped[0]}");
        return new ImportBenchFigures(options, result.Rows, result.Elapsed, raw);
    }

    public async ValueTask DisposeAsync()
    {
        _directory.Delete(recursive: true);
        if (!_registered || options.Keep) return;
        var clock = Stopwatch.StartNew();
        await new BenchShopCleanup(services.GetRequiredService<RetentionStorage>()).EraseAsync(_shopId,
            Enumerable.Range(0, options.Orders).Select(BenchOrderCsv.OrderId), options.Concurrency, CancellationToken.None);
        report(new ImportBenchStep.BenchShopRemoved(_shopId, clock.Elapsed));
    }
}
