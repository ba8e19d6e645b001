using System.Diagnostics;
using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;

namespace Retention.Cli.Bench;

/// <summary>One night from the saved state, in memory, timed by step.</summary>
/// <param name="ReadState">yesterday's ledger read from its bytes (<see cref="OrderLedgerFile.Read"/>).</param>
/// <param name="Fold">the day's changed orders folded in (<see cref="OrderLedger.Apply"/>).</param>
/// <param name="Compute">every figure from the ledger (<see cref="NightlyFigures.Compute"/>): summary, purchase history, retention figures, cost, feedback.</param>
/// <param name="WriteState">today's ledger written to bytes.</param>
/// <param name="Allocated">Bytes allocated on the managed heap during the run.</param>
/// <param name="PeakHeapAbove">The highest managed-heap size seen during the run (sampled every few ms) minus the size before it.</param>
public sealed record NightRun(TimeSpan ReadState, TimeSpan Fold, TimeSpan Compute, TimeSpan WriteState, long Allocated, long PeakHeapAbove)
{
    public TimeSpan Total => ReadState + Fold + Compute + WriteState;
}

/// <summary>
/// The night as the nightly service does it, with the storage round trips left out: yesterday's ledger read from
/// its bytes, the day's changed orders folded in, every figure computed, today's ledger written. The day's changes
/// are the orders placed on the as-of day and those cancelled or refunded on it; yesterday's ledger holds the rest.
/// </summary>
public static class NightlyComputeBenchmark
{
    public sealed record Result(IReadOnlyList<NightRun> Runs, PurchaseHistory History, RetentionFigures Figures, int DayChanges,
        long StateBytes, TimeSpan Rebuild)
    {
        public NightRun Cold => Runs[0];
        public IEnumerable<NightRun> Warm => Runs.Count > 1 ? Runs.Skip(1) : Runs;
        public TimeSpan MedianTotal => Median(Warm.Select(r => r.Total));
        public TimeSpan MedianRead => Median(Warm.Select(r => r.ReadState));
        public TimeSpan MedianFold => Median(Warm.Select(r => r.Fold));
        public TimeSpan MedianCompute => Median(Warm.Select(r => r.Compute));
        public TimeSpan MedianWrite => Median(Warm.Select(r => r.WriteState));
        public long MaxPeakHeapAbove => Runs.Max(r => r.PeakHeapAbove);
        public long MedianAllocated => Warm.Select(r => r.Allocated).Order().ElementAt(Warm.Count() / 2);
    }

    /// <summary>The orders a night on <paramref name="asOf"/> sees as changed: placed, cancelled or refunded that day.</summary>
    public static bool ChangedOn(NormalizedOrder order, ShopCalendar calendar, DateOnly asOf) =>
        calendar.LocalDate(order.OrderedAt) == asOf
        || (order.CancelledAt is { } cancelled && calendar.LocalDate(cancelled) == asOf)
        || order.Refunds.Any(r => calendar.LocalDate(r.RefundedAt) == asOf);

    /// <param name="runs">runs in all: the first is the cold one, the median is over the others.</param>
    public static Result Measure(Shop shop, DateOnly asOf, IReadOnlyList<NormalizedOrder> orders, int runs)
    {
        var calendar = shop.Calendar();
        var changes = orders.Where(o => ChangedOn(o, calendar, asOf)).ToList();
        var clock = Stopwatch.StartNew();
        var full = OrderLedger.Build(shop, orders);
        var rebuild = clock.Elapsed;
        full = null;
        byte[] yesterday;
        using (var buffer = new MemoryStream())
        {
            OrderLedgerFile.Write(OrderLedger.Build(shop, orders.Where(o => calendar.LocalDate(o.OrderedAt) != asOf)), buffer);
            yesterday = buffer.ToArray();
        }

        var results = new List<NightRun>();
        PurchaseHistory? history = null;
        RetentionFigures? figures = null;
        long stateBytes = 0;
        IReadOnlyDictionary<DateOnly, decimal> noSpend = new Dictionary<DateOnly, decimal>();
        for (var run = 0; run < runs; run++)
        {
            // Drop the previous run's output before this one starts, so runs do not pay for each other's garbage.
            history = null;
            figures = null;
            FullCollect();
            var before = GC.GetTotalMemory(false);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            using var sampler = new HeapSampler();
            clock.Restart();
            var ledger = OrderLedgerFile.Read(new MemoryStream(yesterday, writable: false));
            var read = clock.Elapsed;
            ledger = ledger.Apply(shop, changes, []);
            var folded = clock.Elapsed;
            var night = NightlyFigures.Compute(shop, ledger, ProductCatalog.Empty, noSpend, [], asOf);
            var computed = clock.Elapsed;
            using var today = new MemoryStream();
            OrderLedgerFile.Write(ledger, today);
            var written = clock.Elapsed;
            var peak = sampler.Stop();
            stateBytes = today.Length;
            figures = night.Retention;
            history = ledger.PurchasesAsOf(asOf);
            results.Add(new NightRun(read, folded - read, computed - folded, written - computed,
                GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, Math.Max(0, peak - before)));
        }
        return new Result(results, history!, figures!, changes.Count, stateBytes, rebuild);
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
    internal sealed class HeapSampler : IDisposable
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
