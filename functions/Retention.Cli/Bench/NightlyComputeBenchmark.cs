using System.Diagnostics;
using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Snapshots;
using Retention.Core.Spend;

namespace Retention.Cli.Bench;

/// <summary>One computation of the night from in-memory orders, timed by step.</summary>
/// <param name="Summary">ShopSnapshotCalculator.Compute: the summary figures.</param>
/// <param name="History">PurchaseHistory.Of: the as-of state of every order, sorted by customer.</param>
/// <param name="Metrics">RetentionMetrics.Compute plus RetentionCost.Compute (no spend), as the nightly service does.</param>
/// <param name="Allocated">Bytes allocated on the managed heap during the run.</param>
/// <param name="PeakHeapAbove">The highest managed-heap size seen during the run (sampled every few ms) minus the size before it.</param>
public sealed record NightRun(TimeSpan Summary, TimeSpan History, TimeSpan Metrics, long Allocated, long PeakHeapAbove)
{
    public TimeSpan Total => Summary + History + Metrics;
}

/// <summary>
/// The night computed from orders already in memory, exactly as <c>ShopSnapshotService.CalculateAsync</c> does
/// after reading them: summary, purchase history, every retention figure, cost of retention.
/// </summary>
public static class NightlyComputeBenchmark
{
    public sealed record Result(IReadOnlyList<NightRun> Runs, PurchaseHistory History, RetentionFigures Figures)
    {
        public NightRun Cold => Runs[0];
        public IEnumerable<NightRun> Warm => Runs.Count > 1 ? Runs.Skip(1) : Runs;
        public TimeSpan MedianTotal => Median(Warm.Select(r => r.Total));
        public TimeSpan MedianSummary => Median(Warm.Select(r => r.Summary));
        public TimeSpan MedianHistory => Median(Warm.Select(r => r.History));
        public TimeSpan MedianMetrics => Median(Warm.Select(r => r.Metrics));
        public long MaxPeakHeapAbove => Runs.Max(r => r.PeakHeapAbove);
        public long MedianAllocated => Warm.Select(r => r.Allocated).Order().ElementAt(Warm.Count() / 2);
    }

    /// <param name="runs">runs in all: the first is the cold one, the median is over the others.</param>
    public static Result Measure(Shop shop, DateOnly asOf, IReadOnlyList<NormalizedOrder> orders, int runs)
    {
        var results = new List<NightRun>();
        PurchaseHistory? history = null;
        RetentionFigures? figures = null;
        for (var run = 0; run < runs; run++)
        {
            // Drop the previous run's output before this one starts, so runs do not pay for each other's garbage.
            history = null;
            figures = null;
            FullCollect();
            var before = GC.GetTotalMemory(false);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            using var sampler = new HeapSampler();
            var clock = Stopwatch.StartNew();
            ShopSnapshotCalculator.Compute(shop, asOf, orders);
            var summary = clock.Elapsed;
            history = PurchaseHistory.Of(shop, asOf, orders);
            var afterHistory = clock.Elapsed;
            figures = RetentionMetrics.Compute(history, shop.RetentionSettings);
            RetentionCost.Compute(history, figures.Retention, new Dictionary<DateOnly, decimal>());
            var total = clock.Elapsed;
            var peak = sampler.Stop();
            results.Add(new NightRun(summary, afterHistory - summary, total - afterHistory,
                GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, Math.Max(0, peak - before)));
        }
        return new Result(results, history!, figures!);
    }

    /// <summary>The monthly cohort triangle alone from a purchase history (its columnar copy included): the part DuckDB also computes.</summary>
    public static (TimeSpan Cold, TimeSpan Median) MeasureCohorts(PurchaseHistory history, int runs)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            CohortMatrix.Compute(history, CohortPeriod.Month);
            times.Add(clock.Elapsed);
        }
        return (times[0], Median(times.Count > 1 ? times.Skip(1) : times));
    }

    public static void FullCollect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return TimeSpan.Zero;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Samples the managed heap size every 5 ms on a background thread and keeps the highest.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public HeapSampler()
        {
            _peak = GC.GetTotalMemory(false);
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    var now = GC.GetTotalMemory(false);
                    if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
                    Thread.Sleep(5);
                }
            }) { IsBackground = true, Name = "heap-sampler" };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            // The heap at the end counts too (the run's results are still referenced).
            var now = GC.GetTotalMemory(false);
            return Math.Max(now, Interlocked.Read(ref _peak));
        }

        public void Dispose()
        {
            if (!_stop) Stop();
        }
    }
}
