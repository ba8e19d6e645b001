using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Retention.Cli.Bench;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Pipeline.Import;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention bench</c>: measured scenarios, printed and never asserted (a shared machine's figures vary).
/// <c>bench import</c> imports a generated history into a fresh shop and sets its rate beside the plain
/// table-batch rate of the same storage in the same run. <c>bench nightly</c> times the night's computation on
/// a large in-memory shop, beside DuckDB on the same purchases and on twice the history (<c>docs/benchmarks.md</c>):
/// <see cref="NightlyBench"/> measures and returns the figures, <see cref="NightlyBenchPrinter"/> writes them.
/// </summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Measure a scenario on the configured storage and print the figures")
        { Import(), Nightly(), LoadBenchCommand.Create(), ModelBenchCommand.Create() };

    private static Command Import()
    {
        var orders = new Option<int>("--orders") { Description = "Orders in the generated history", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated history", DefaultValueFactory = _ => 20240101 };
        var concurrency = new Option<int>("--concurrency") { Description = "Table batches in flight at once", DefaultValueFactory = _ => ImportRequest.DefaultConcurrency };
        var keep = new Option<bool>("--keep") { Description = "Keep the bench shop and its orders afterwards (default: removed)" };
        var command = new Command("import", "Import a generated generic-csv history into a fresh shop; print rows/s beside the raw table-batch rate")
        {
            orders, seed, concurrency, keep,
        };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var count = parse.GetValue(orders);
            var inFlight = parse.GetValue(concurrency);
            if (count is < 1 or > 10_000_000) throw new CliUsageException("--orders must be between 1 and 10,000,000");
            if (inFlight is < 1 or > 64) throw new CliUsageException("--concurrency must be between 1 and 64");
            var c = CultureInfo.InvariantCulture;
            var services = await context.ServicesAsync(cancellationToken);
            var storage = services.GetRequiredService<RetentionStorage>();
            var directory = Directory.CreateTempSubdirectory("retention-bench-");
            // A new shop each run: a file already imported into a shop is, rightly, not imported again.
            var shopId = $"{BenchShopCleanup.Prefix}import-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
            var registered = false;
            try
            {
                var file = Path.Combine(directory.FullName, $"bench-{count}-{parse.GetValue(seed)}.csv");
                await BenchOrderCsv.WriteAsync(file, count, parse.GetValue(seed), "EUR", cancellationToken);
                Console.WriteLine($"generated {count.ToString("N0", c)} orders ({new FileInfo(file).Length / 1024.0 / 1024.0:F1} MiB) in {file}");

                // The plain rate first, on a scratch table that is dropped before the import starts, so neither
                // run pays for the other's rows.
                Console.WriteLine($"raw: {count.ToString("N0", c)} order-shaped rows as table batches of 100, {inFlight} in flight, into a scratch table ...");
                var raw = await new TableBatchBenchmark(storage).MeasureAsync(count, inFlight, cancellationToken);

                await services.GetRequiredService<ShopDirectory>().SaveAsync(new Shop(shopId, "Europe/Berlin", "EUR", DateTimeOffset.UtcNow), cancellationToken);
                registered = true;
                Console.WriteLine($"import: into {shopId} ...");
                var result = await ImportCommand.RunAsync(services.GetRequiredService<HistoryImportService>(),
                    new ImportRequest(shopId, file, GenericCsvOrderReader.Format, Concurrency: inFlight), cancellationToken);
                if (result.Skipped.Count > 0)
                    throw new InvalidOperationException($"the generated file had {result.Skipped.Count} skipped rows, the first: {result.Skipped[0]}");

                var importRate = result.Rows / Math.Max(result.Elapsed.TotalSeconds, 0.001);
                Console.WriteLine();
                Console.WriteLine($"bench import: {count.ToString("N0", c)} orders, {inFlight} table batches in flight");
                Console.WriteLine($"  import                   {importRate.ToString("N0", c),10} rows/s  {result.Elapsed.TotalSeconds.ToString("F1", c),7} s  (scan, archive, normalize, batches, checkpoints)");
                Console.WriteLine($"  raw table batch insert   {raw.PerSecond.ToString("N0", c),10} rows/s  {raw.Elapsed.TotalSeconds.ToString("F1", c),7} s  (same row shape and count, nothing else)");
                Console.WriteLine($"  import / raw             {(importRate / raw.PerSecond).ToString("P0", c),10}");
                return 0;
            }
            finally
            {
                directory.Delete(recursive: true);
                if (registered && !parse.GetValue(keep))
                {
                    var clock = Stopwatch.StartNew();
                    await new BenchShopCleanup(storage).EraseAsync(shopId, Enumerable.Range(0, count).Select(BenchOrderCsv.OrderId), inFlight,
                        CancellationToken.None);
                    Console.WriteLine($"removed {shopId} and its orders in {clock.Elapsed.TotalSeconds.ToString("F1", c)} s (--keep keeps them)");
                }
            }
        });
        return command;
    }
    private static Command Nightly()
    {
        var orders = new Option<int>("--orders") { Description = "Orders in the synthetic shop", DefaultValueFactory = _ => 1_000_000 };
        var customers = new Option<int>("--customers") { Description = "Customers in the synthetic shop", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic shop", DefaultValueFactory = _ => 20240101 };
        var years = new Option<int>("--years") { Description = "Years of history up to the as-of day 2025-12-31", DefaultValueFactory = _ => 2 };
        var runs = new Option<int>("--runs") { Description = "Computations per size: the first is the cold one, the median is over the rest", DefaultValueFactory = _ => 4 };
        var noDoubling = new Option<bool>("--no-doubling") { Description = "Skip the run on twice the history" };
        var fromStorage = new Option<bool>("--from-storage") { Description = "Also store a shop in the configured storage and time the night end to end (minutes on Azurite)" };
        var storageOrders = new Option<int>("--storage-orders") { Description = "Orders of the --from-storage shop (customers in the same ratio)", DefaultValueFactory = _ => 200_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Table batches in flight when storing", DefaultValueFactory = _ => 8 };
        var keep = new Option<bool>("--keep") { Description = "Keep the --from-storage bench shop and its orders afterwards (default: removed)" };
        var command = new Command("nightly", "Time the night's computation on a large synthetic shop, beside DuckDB and on twice the history")
        {
            orders, customers, seed, years, runs, noDoubling, fromStorage, storageOrders, concurrency, keep,
        };
        // In memory unless --from-storage: ./run.sh starts no Azurite for the default run.
        command.SetAction(parse => parse.GetValue(fromStorage), async (parse, context, cancellationToken) =>
        {
            var options = new NightlyBenchOptions(parse.GetValue(orders), parse.GetValue(customers), parse.GetValue(seed), parse.GetValue(years),
                parse.GetValue(runs), !parse.GetValue(noDoubling), parse.GetValue(fromStorage), parse.GetValue(storageOrders), parse.GetValue(concurrency),
                parse.GetValue(keep));
            if (options.Orders is < 1 or > 10_000_000) throw new CliUsageException("--orders must be between 1 and 10,000,000");
            if (options.Customers < 1 || options.Customers > options.Orders) throw new CliUsageException("--customers must be between 1 and --orders");
            if (options.Years is < 1 or > 20) throw new CliUsageException("--years must be between 1 and 20");
            if (options.Runs is < 1 or > 50) throw new CliUsageException("--runs must be between 1 and 50");
            if (options.StorageOrders < 1 || options.StorageOrders > options.Orders) throw new CliUsageException("--storage-orders must be between 1 and --orders");
            if (options.Concurrency is < 1 or > 64) throw new CliUsageException("--concurrency must be between 1 and 64");
            // Storage is reached before the minutes in memory, not after them: an unreachable account fails the run at once.
            var services = options.FromStorage ? await context.ServicesAsync(cancellationToken) : null;
            var printer = new NightlyBenchPrinter(Console.Out);
            printer.Write(await new NightlyBench(options, services, printer.Write).RunAsync(cancellationToken));
            return 0;
        });
        return command;
    }
}
