using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>
/// Runs <c>retention bench nightly</c> and returns its figures; writes nothing itself (<see cref="NightlyBenchPrinter"/>
/// does). 1. The night from the saved ledger on a large synthetic shop in memory, then DuckDB on the very same purchases.
/// 2. The same shop with lines, channels, codes and countries, side by side: what the dimension figures add. 3. Twice the history. 4. Optionally, two nights end to end from the configured storage on a smaller shop, since storing
/// a million rows on Azurite takes long. Each size's data is dropped before the next is generated, so the sizes do not
/// pay for each other's heap.
/// </summary>
/// <param name="storage">the pipeline's services, needed only with <see cref="NightlyBenchOptions.FromStorage"/>.</param>
/// <param name="report">told each step as it is done, for progress.</param>
public sealed class NightlyBench(NightlyBenchOptions options, IServiceProvider? storage, Action<NightlyBenchStep> report)
{
    public async Task<NightlyBenchFigures> RunAsync(CancellationToken cancellationToken)
    {
        if (options.FromStorage && storage is null) throw new ArgumentException("--from-storage needs the pipeline's services");
        var total = Stopwatch.StartNew();
        report(new NightlyBenchStep.Started(Environment.ProcessorCount, Environment.Version, System.Runtime.GCSettings.IsServerGC));

        var (asOf, purchases, onDay, night, cohorts, duckDb) = MeasureDefaultSize();
        NightlyComputeBenchmark.FullCollect();
        var withFacets = MeasureWithFacets();
        NightlyComputeBenchmark.FullCollect();
        var doubled = options.Doubling ? MeasureTwiceTheHistory() : null;
        NightlyComputeBenchmark.FullCollect();
        var fromStorage = options.FromStorage ? await MeasureFromStorageAsync(storage!, cancellationToken) : null;

        return new NightlyBenchFigures(options, Environment.ProcessorCount, asOf, purchases, onDay, night, cohorts, duckDb, doubled, fromStorage,
            Process.GetCurrentProcess().PeakWorkingSet64, total.Elapsed) { WithFacets = withFacets };
    }

    /// <summary>
    /// The same shop (same orders, days and amounts) with lines, channels, codes and countries: the night then also keeps
    /// them in its ledger and computes the dimension figures from them, so the difference to the default size is what
    /// they add.
    /// </summary>
    private NightInMemoryFigures MeasureWithFacets()
    {
        var clock = Stopwatch.StartNew();
        var shop = NightlyBenchShop.Generate("bench-nightly", options.Orders, options.Customers, options.Years, options.Seed, facets: true);
        report(new NightlyBenchStep.FacetsGenerated(options.Orders, shop.Orders.Sum(o => o.Lines.Count), clock.Elapsed, options.Runs));
        var result = NightlyComputeBenchmark.Measure(shop.Shop, shop.AsOf, shop.Orders, options.Runs);
        report(Measured(result));
        return InMemory(result);
    }

    private static NightInMemoryFigures InMemory(NightlyComputeBenchmark.Result result) =>
        new(result.MedianTotal, result.MedianRead, result.MedianFold, result.MedianCompute, result.MedianWrite,
            result.Cold.Compute, result.MedianAllocated, result.MaxPeakHeapAbove, result.StateBytes, result.Rebuild);

    /// <summary>The default size: compute alone, then DuckDB on the very same purchases.</summary>
    private (DateOnly AsOf, int Purchases, int OnDay, NightInMemoryFigures Night, CohortTriangleFigures Cohorts, DuckDbFigures DuckDb) MeasureDefaultSize()
    {
        var clock = Stopwatch.StartNew();
        var shop = NightlyBenchShop.Generate("bench-nightly", options.Orders, options.Customers, options.Years, options.Seed);
        var onDay = shop.OrdersOnAsOfDay;
        report(new NightlyBenchStep.ShopGenerated(false, options.Orders, options.Customers, shop.From, shop.AsOf, onDay, clock.Elapsed, options.Runs));
        var result = NightlyComputeBenchmark.Measure(shop.Shop, shop.AsOf, shop.Orders, options.Runs);
        report(Measured(result));
        var purchases = result.History.Purchases.Count;
        var cohorts = NightlyComputeBenchmark.MeasureCohorts(result.History, options.Runs);

        report(new NightlyBenchStep.DuckDbStarted(purchases, options.Runs));
        DuckDbFigures duckDb;
        using (var duck = new DuckDbCohortBenchmark())
        {
            var load = duck.Load(result.History.Purchases);
            var query = duck.Query(options.Runs);
            var match = DuckDbCohortBenchmark.Compare(result.Figures.MonthlyCohorts, query.Cells);
            duckDb = new DuckDbFigures(load, query.Cold, query.Median, match.Equal, match.Cells, match.FirstDifference);
        }
        report(new NightlyBenchStep.DuckDbMeasured(duckDb, Process.GetCurrentProcess().PeakWorkingSet64));

        var night = InMemory(result);
        return (shop.AsOf, purchases, onDay, night, new CohortTriangleFigures(cohorts.Cold, cohorts.Median), duckDb);
    }

    /// <summary>Twice the years, orders and customers, so the as-of day sees the same volume behind twice the history.</summary>
    private DoubledHistoryFigures MeasureTwiceTheHistory()
    {
        var clock = Stopwatch.StartNew();
        var twice = NightlyBenchShop.Generate("bench-nightly", 2 * options.Orders, 2 * options.Customers, 2 * options.Years, options.Seed);
        var onDay = twice.OrdersOnAsOfDay;
        report(new NightlyBenchStep.ShopGenerated(true, 2 * options.Orders, 2 * options.Customers, twice.From, twice.AsOf, onDay, clock.Elapsed,
            options.Runs));
        var result = NightlyComputeBenchmark.Measure(twice.Shop, twice.AsOf, twice.Orders, options.Runs);
        report(Measured(result));
        return new DoubledHistoryFigures(2 * options.Orders, result.MedianTotal, result.MedianCompute, result.MaxPeakHeapAbove, onDay);
    }

    /// <summary>A smaller shop stored in the configured storage, two nights from it, then the shop removed unless kept.</summary>
    private async Task<NightlyStorageBenchmark.Result> MeasureFromStorageAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var shopId = $"{BenchShopCleanup.Prefix}nightly-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        var customers = (int)Math.Max(1, (long)options.Customers * options.StorageOrders / options.Orders);
        var small = NightlyBenchShop.Generate(shopId, options.StorageOrders, customers, options.Years, options.Seed);
        await services.GetRequiredService<ShopDirectory>().SaveAsync(small.Shop with { RegisteredAt = DateTimeOffset.UtcNow }, cancellationToken);
        report(new NightlyBenchStep.StorageStarted(shopId, options.StorageOrders, customers, options.Concurrency, options.StorageOrders < options.Orders));
        try
        {
            var result = await new NightlyStorageBenchmark(services.GetRequiredService<OrderTable>(), services.GetRequiredService<SnapshotService>())
                .MeasureAsync(small, options.Concurrency, cancellationToken);
            report(new NightlyBenchStep.StorageMeasured(result));
            return result;
        }
        finally
        {
            if (!options.Keep)
            {
                var erase = Stopwatch.StartNew();
                await new BenchShopCleanup(services.GetRequiredService<RetentionStorage>()).EraseAsync(shopId,
                    Enumerable.Range(0, options.StorageOrders).Select(NightlyBenchShop.OrderId), options.Concurrency, CancellationToken.None);
                report(new NightlyBenchStep.BenchShopRemoved(shopId, erase.Elapsed));
            }
        }
    }

    private static NightlyBenchStep.NightsMeasured Measured(NightlyComputeBenchmark.Result result) =>
        new(result.DayChanges, result.StateBytes, result.Rebuild, result.Runs);
}
