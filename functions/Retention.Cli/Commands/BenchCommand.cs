using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Retention.Cli.Bench;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Pipeline.Import;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Core.Generic;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention bench</c>: measured scenarios, printed and never asserted (a shared machine's figures vary).
/// <c>bench import</c> imports a generated history into a fresh shop and sets its rate beside the plain
/// table-batch rate of the same storage in the same run. <c>bench nightly</c> times the night's computation on
/// a large in-memory shop, beside DuckDB on the same purchases and on twice the history (<c>docs/benchmarks.md</c>).
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
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var count = parse.GetValue(orders);
            var people = parse.GetValue(customers);
            var span = parse.GetValue(years);
            var repeat = parse.GetValue(runs);
            var stored = parse.GetValue(storageOrders);
            var inFlight = parse.GetValue(concurrency);
            if (count is < 1 or > 10_000_000) throw new CliUsageException("--orders must be between 1 and 10,000,000");
            if (people < 1 || people > count) throw new CliUsageException("--customers must be between 1 and --orders");
            if (span is < 1 or > 20) throw new CliUsageException("--years must be between 1 and 20");
            if (repeat is < 1 or > 50) throw new CliUsageException("--runs must be between 1 and 50");
            if (stored < 1 || stored > count) throw new CliUsageException("--storage-orders must be between 1 and --orders");
            if (inFlight is < 1 or > 64) throw new CliUsageException("--concurrency must be between 1 and 64");
            var c = CultureInfo.InvariantCulture;
            string N(long v) => v.ToString("N0", c);
            string S(TimeSpan t) => t.TotalSeconds.ToString("F2", c) + " s";
            string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", c) + " MiB";
            var seedValue = parse.GetValue(seed);
            void PrintRuns(NightlyComputeBenchmark.Result result)
            {
                Console.WriteLine($"  {N(result.DayChanges)} orders changed on the day; ledger {MiB(result.StateBytes)}; a full rebuild from the orders (first night) {S(result.Rebuild)}");
                foreach (var (run, i) in result.Runs.Select((r, i) => (r, i)))
                    Console.WriteLine($"  run {i + 1}{(i == 0 ? " (cold)" : "       ")}  {S(run.Total),9}  read ledger {S(run.ReadState)}, fold the day {S(run.Fold)}, " +
                        $"compute {S(run.Compute)}, write ledger {S(run.WriteState)}; allocated {MiB(run.Allocated)}, heap peak +{MiB(run.PeakHeapAbove)}");
            }
            var total = Stopwatch.StartNew();
            Console.WriteLine($"bench nightly: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");

            // 1. The default size: compute alone, then DuckDB on the very same purchases.
            var clock = Stopwatch.StartNew();
            var shop = NightlyBenchShop.Generate("bench-nightly", count, people, span, seedValue);
            var onDay = shop.OrdersOnAsOfDay;
            Console.WriteLine($"generated {N(count)} orders of {N(people)} customers, {shop.From:yyyy-MM-dd} to {shop.AsOf:yyyy-MM-dd} " +
                $"({N(onDay)} ordered on the as-of day) in {S(clock.Elapsed)}");
            Console.WriteLine($"the night from yesterday's ledger and the day's changes, in memory: {repeat} runs ...");
            var night = NightlyComputeBenchmark.Measure(shop.Shop, shop.AsOf, shop.Orders, repeat);
            PrintRuns(night);
            var purchases = night.History.Purchases.Count;
            var cohortsAlone = NightlyComputeBenchmark.MeasureCohorts(night.History, repeat);

            Console.WriteLine($"DuckDB: appending {N(purchases)} purchases, then the monthly cohort triangle in SQL, {repeat} runs ...");
            TimeSpan duckLoad;
            (TimeSpan Cold, TimeSpan Median) duckQuery;
            (bool Equal, int Cells, string? FirstDifference) match;
            using (var duck = new DuckDbCohortBenchmark())
            {
                duckLoad = duck.Load(night.History.Purchases);
                var query = duck.Query(repeat);
                duckQuery = (query.Cold, query.Median);
                match = DuckDbCohortBenchmark.Compare(night.Figures.MonthlyCohorts, query.Cells);
            }
            Console.WriteLine($"  load {S(duckLoad)}, triangle SQL cold {S(duckQuery.Cold)}, median {S(duckQuery.Median)}; " +
                (match.Equal ? $"equal to ours, all {N(match.Cells)} cells" : $"DIFFERENT from ours: {match.FirstDifference}"));
            var peakAfterDefault = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine($"  process peak working set so far {MiB(peakAfterDefault)}");
            shop = null;
            NightlyComputeBenchmark.Result? doubled = null;
            var nightMedian = night.MedianTotal;
            var computeMedian = night.MedianCompute;
            var computeCold = night.Cold.Compute;
            var heapPeak = night.MaxPeakHeapAbove;
            var allocated = night.MedianAllocated;
            var (readMedian, foldMedian, writeMedian, rebuild, stateBytes) = (night.MedianRead, night.MedianFold, night.MedianWrite, night.Rebuild, night.StateBytes);
            night = null;
            NightlyComputeBenchmark.FullCollect();

            // 2. Twice the history: twice the years, orders and customers, so the as-of day sees the same volume.
            int doubledOnDay = 0;
            if (!parse.GetValue(noDoubling))
            {
                clock.Restart();
                var twice = NightlyBenchShop.Generate("bench-nightly", 2 * count, 2 * people, 2 * span, seedValue);
                doubledOnDay = twice.OrdersOnAsOfDay;
                Console.WriteLine($"history doubled: {N(2 * count)} orders of {N(2 * people)} customers, {twice.From:yyyy-MM-dd} to {twice.AsOf:yyyy-MM-dd} " +
                    $"({N(doubledOnDay)} ordered on the as-of day) in {S(clock.Elapsed)}; {repeat} runs ...");
                doubled = NightlyComputeBenchmark.Measure(twice.Shop, twice.AsOf, twice.Orders, repeat);
                PrintRuns(doubled);
                twice = null;
            }
            var doubledMedian = doubled?.MedianTotal;
            var doubledCompute = doubled?.MedianCompute;
            var doubledHeap = doubled?.MaxPeakHeapAbove;
            doubled = null;
            NightlyComputeBenchmark.FullCollect();

            // 3. From storage (optional): a smaller shop by default, since storing a million rows on Azurite takes long.
            NightlyStorageBenchmark.Result? fromStore = null;
            if (parse.GetValue(fromStorage))
            {
                var services = await context.ServicesAsync(cancellationToken);
                var storage = services.GetRequiredService<RetentionStorage>();
                var shopId = $"{BenchShopCleanup.Prefix}nightly-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
                var storeCustomers = (int)Math.Max(1, (long)people * stored / count);
                var small = NightlyBenchShop.Generate(shopId, stored, storeCustomers, span, seedValue);
                await services.GetRequiredService<ShopDirectory>().SaveAsync(small.Shop with { RegisteredAt = DateTimeOffset.UtcNow }, cancellationToken);
                Console.WriteLine($"from storage: {N(stored)} orders of {N(storeCustomers)} customers into {shopId}, {inFlight} table batches in flight " +
                    (stored < count ? "(fewer than --orders: Azurite stores about 3,000 rows/s on 2 cores, so a million would take over 5 minutes; --storage-orders to change) ..." : "..."));
                try
                {
                    fromStore = await new NightlyStorageBenchmark(services.GetRequiredService<OrderTable>(), services.GetRequiredService<SnapshotService>())
                        .MeasureAsync(small, inFlight, cancellationToken);
                    Console.WriteLine($"  history stored at {N((long)fromStore.LoadRate)} rows/s in {S(fromStore.Load)}; first night (no ledger: every order read) {S(fromStore.FirstNight)}; " +
                        $"{N(fromStore.DayChanges)} changes of the day stored one by one in {S(fromStore.DayStored)}; next night (ledger + changes) {S(fromStore.NextNight)}; " +
                        $"reading every order alone {S(fromStore.ReadAlone)}");
                }
                finally
                {
                    if (!parse.GetValue(keep))
                    {
                        var erase = Stopwatch.StartNew();
                        await new BenchShopCleanup(storage).EraseAsync(shopId, Enumerable.Range(0, stored).Select(NightlyBenchShop.OrderId), inFlight,
                            CancellationToken.None);
                        Console.WriteLine($"  removed {shopId} and its orders in {S(erase.Elapsed)} (--keep keeps them; its snapshot rows stay)");
                    }
                }
            }

            string Verdict(bool met) => met ? "met" : "MISSED";
            Console.WriteLine();
            Console.WriteLine($"bench nightly: {N(count)} orders / {N(people)} customers over {span} years ({N(purchases)} purchases as of {NightlyBenchShop.DefaultAsOf:yyyy-MM-dd}), " +
                $"seed {seedValue}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"  {"figure",-44}{"value",14}   target");
            Console.WriteLine($"  {"compute alone, median of " + Math.Max(1, repeat - 1),-44}{S(computeMedian),14}   <= DuckDB triangle SQL ({S(duckQuery.Median)}): {Verdict(computeMedian <= duckQuery.Median)}");
            Console.WriteLine($"  {"compute alone, first (cold) run",-44}{S(computeCold),14}");
            Console.WriteLine($"  {"our monthly cohort triangle alone, median",-44}{S(cohortsAlone.Median),14}   (from the purchase history; cold {S(cohortsAlone.Cold)})");
            Console.WriteLine($"  {"DuckDB triangle SQL, median",-44}{S(duckQuery.Median),14}   (cold {S(duckQuery.Cold)})");
            Console.WriteLine($"  {"DuckDB load (appender)",-44}{S(duckLoad),14}   ({N((long)(purchases / Math.Max(duckLoad.TotalSeconds, 0.001)))} rows/s)");
            Console.WriteLine($"  {"DuckDB triangle equals ours",-44}{(match.Equal ? "yes" : "NO"),14}   {(match.Equal ? $"{N(match.Cells)} cells" : match.FirstDifference)}");
            Console.WriteLine($"  {"allocated per night, median",-44}{MiB(allocated),14}");
            Console.WriteLine($"  {"managed heap peak above the orders",-44}{MiB(heapPeak),14}");
            Console.WriteLine($"  {"whole night in memory, median",-44}{S(nightMedian),14}   < 60 s: {Verdict(nightMedian.TotalSeconds < 60)}; read ledger {S(readMedian)}, fold {S(foldMedian)}, compute {S(computeMedian)}, write ledger {S(writeMedian)}");
            Console.WriteLine($"  {"ledger size / full rebuild (first night)",-44}{MiB(stateBytes),14}   {S(rebuild)} to build from every order");
            if (doubledMedian is { } twiceMedian)
            {
                var growth = (twiceMedian.TotalSeconds / nightMedian.TotalSeconds - 1) * 100;
                var computeGrowth = (doubledCompute!.Value.TotalSeconds / computeMedian.TotalSeconds - 1) * 100;
                Console.WriteLine($"  {$"whole night, twice the history ({N(2 * count)})",-44}{S(twiceMedian),14}   (heap peak +{MiB(doubledHeap ?? 0)}; {N(doubledOnDay)} vs {N(onDay)} orders on the day)");
                Console.WriteLine($"  {"growth with twice the history",-44}{(growth.ToString("F0", c) + " %"),14}   <= 20 %: {Verdict(growth <= 20)}; compute alone {computeGrowth.ToString("F0", c)} %");
            }
            if (fromStore is not null)
            {
                Console.WriteLine($"  {$"stored into the orders table ({N(fromStore.Orders)})",-44}{(N((long)fromStore.LoadRate) + " rows/s"),14}   ({S(fromStore.Load)})");
                Console.WriteLine($"  {$"whole night from storage ({N(fromStore.Orders)})",-44}{S(fromStore.NextNight),14}   < 60 s: {Verdict(fromStore.NextNight.TotalSeconds < 60)}; ledger + {N(fromStore.DayChanges)} changes (first night, every order read: {S(fromStore.FirstNight)}; the read alone {S(fromStore.ReadAlone)})");
            }
            Console.WriteLine($"  {"process peak working set",-44}{MiB(Process.GetCurrentProcess().PeakWorkingSet64),14}   (fits 24 GiB: {Verdict(Process.GetCurrentProcess().PeakWorkingSet64 < 24L << 30)})");
            Console.WriteLine($"  {"bench wall time",-44}{S(total.Elapsed),14}");
            return 0;
        });
        return command;
    }
}
