using System.Globalization;

namespace Retention.Cli.Bench;

/// <summary>
/// Writes <c>retention bench nightly</c>: each step as <see cref="NightlyBench"/> reports it, then the figures as one table
/// with the targets beside them (<c>docs/benchmarks.md</c> quotes this table, so its layout is kept as it is).
/// </summary>
public sealed class NightlyBenchPrinter(TextWriter output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public void Write(NightlyBenchStep step)
    {
        switch (step)
        {
            case NightlyBenchStep.Started s:
                output.WriteLine($"bench nightly: {s.Cores} cores, .NET {s.Runtime}, server GC {s.ServerGc}");
                break;
            case NightlyBenchStep.ShopGenerated { Doubled: false } g:
                output.WriteLine($"generated {N(g.Orders)} orders of {N(g.Customers)} customers, {Day(g.From)} to {Day(g.AsOf)} " +
                    $"({N(g.OrdersOnAsOfDay)} ordered on the as-of day) in {S(g.Elapsed)}");
                output.WriteLine($"the night from yesterday's ledger and the day's changes, in memory: {g.Runs} runs ...");
                break;
            case NightlyBenchStep.ShopGenerated g:
                output.WriteLine($"history doubled: {N(g.Orders)} orders of {N(g.Customers)} customers, {Day(g.From)} to {Day(g.AsOf)} " +
                    $"({N(g.OrdersOnAsOfDay)} ordered on the as-of day) in {S(g.Elapsed)}; {g.Runs} runs ...");
                break;
            case NightlyBenchStep.FacetsGenerated g:
                output.WriteLine($"the same orders with lines ({N(g.Lines)}, {(g.Lines / (double)Math.Max(1, g.Orders)).ToString("F2", C)} an order), " +
                    $"channels, codes and countries (generated in {S(g.Elapsed)}): the night with the dimension figures, {g.Runs} runs ...");
                break;
            case NightlyBenchStep.NightsMeasured m:
                output.WriteLine($"  {N(m.DayChanges)} orders changed on the day; ledger {MiB(m.LedgerBytes)}; a full rebuild from the orders (first night) {S(m.Rebuild)}");
                foreach (var (run, i) in m.Runs.Select((r, i) => (r, i)))
                    output.WriteLine($"  run {i + 1}{(i == 0 ? " (cold)" : "       ")}  {S(run.Total),9}  read ledger {S(run.ReadState)}, fold the day {S(run.Fold)}, " +
                        $"compute {S(run.Compute)}, write ledger {S(run.WriteState)}; allocated {MiB(run.Allocated)}, heap peak +{MiB(run.PeakHeapAbove)}");
                break;
            case NightlyBenchStep.DuckDbStarted d:
                output.WriteLine($"DuckDB: appending {N(d.Purchases)} purchases, then the monthly cohort triangle in SQL, {d.Runs} runs ...");
                break;
            case NightlyBenchStep.DuckDbMeasured { DuckDb: var d } measured:
                output.WriteLine($"  load {S(d.Load)}, triangle SQL cold {S(d.QueryCold)}, median {S(d.QueryMedian)}; " +
                    (d.EqualsOurs ? $"equal to ours, all {N(d.Cells)} cells" : $"DIFFERENT from ours: {d.FirstDifference}"));
                output.WriteLine($"  process peak working set so far {MiB(measured.PeakWorkingSetSoFar)}");
                break;
            case NightlyBenchStep.StorageStarted s:
                output.WriteLine($"from storage: {N(s.Orders)} orders of {N(s.Customers)} customers into {s.ShopId}, {s.Concurrency} table batches in flight " +
                    (s.FewerThanOrders
                        ? "(fewer than --orders: Azurite stores about 3,000 rows/s on 2 cores, so a million would take over 5 minutes; --storage-orders to change) ..."
                        : "..."));
                break;
            case NightlyBenchStep.StorageMeasured { Result: var r }:
                output.WriteLine($"  history stored at {N((long)r.LoadRate)} rows/s in {S(r.Load)}; first night (no ledger: every order read) {S(r.FirstNight)}; " +
                    $"{N(r.DayChanges)} changes of the day stored one by one in {S(r.DayStored)}; next night (ledger + changes) {S(r.NextNight)}; " +
                    $"reading every order alone {S(r.ReadAlone)}");
                break;
            case NightlyBenchStep.BenchShopRemoved r:
                output.WriteLine($"  removed {r.ShopId} and its orders in {S(r.Elapsed)} (--keep keeps them; its snapshot rows stay)");
                break;
        }
    }

    public void Write(NightlyBenchFigures f)
    {
        var (o, night, duck) = (f.Options, f.Night, f.DuckDb);
        output.WriteLine();
        output.WriteLine($"bench nightly: {N(o.Orders)} orders / {N(o.Customers)} customers over {o.Years} years ({N(f.Purchases)} purchases as of {Day(f.AsOf)}), " +
            $"seed {o.Seed}, {f.Cores} cores");
        output.WriteLine($"  {"figure",-44}{"value",14}   target");
        output.WriteLine($"  {"compute alone, median of " + Math.Max(1, o.Runs - 1),-44}{S(night.ComputeMedian),14}   <= DuckDB triangle SQL ({S(duck.QueryMedian)}): " +
            Verdict(night.ComputeMedian <= duck.QueryMedian));
        output.WriteLine($"  {"compute alone, first (cold) run",-44}{S(night.ComputeCold),14}");
        output.WriteLine($"  {"our monthly cohort triangle alone, median",-44}{S(f.CohortsAlone.Median),14}   (from the purchase history; cold {S(f.CohortsAlone.Cold)})");
        output.WriteLine($"  {"DuckDB triangle SQL, median",-44}{S(duck.QueryMedian),14}   (cold {S(duck.QueryCold)})");
        output.WriteLine($"  {"DuckDB load (appender)",-44}{S(duck.Load),14}   ({N((long)(f.Purchases / Math.Max(duck.Load.TotalSeconds, 0.001)))} rows/s)");
        output.WriteLine($"  {"DuckDB triangle equals ours",-44}{(duck.EqualsOurs ? "yes" : "NO"),14}   {(duck.EqualsOurs ? $"{N(duck.Cells)} cells" : duck.FirstDifference)}");
        output.WriteLine($"  {"allocated per night, median",-44}{MiB(night.AllocatedMedian),14}");
        output.WriteLine($"  {"managed heap peak above the orders",-44}{MiB(night.HeapPeakAbove),14}");
        output.WriteLine($"  {"whole night in memory, median",-44}{S(night.Median),14}   < 60 s: {Verdict(night.Median.TotalSeconds < 60)}; " +
            $"read ledger {S(night.ReadMedian)}, fold {S(night.FoldMedian)}, compute {S(night.ComputeMedian)}, write ledger {S(night.WriteMedian)}");
        output.WriteLine($"  {"ledger size / full rebuild (first night)",-44}{MiB(night.LedgerBytes),14}   {S(night.Rebuild)} to build from every order");
        if (f.WithFacets is { } facets)
        {
            // The goal of issue 15: what was bought and where customers came from may cost at most half the night again.
            var time = (facets.Median.TotalSeconds / night.Median.TotalSeconds - 1) * 100;
            var heap = (facets.HeapPeakAbove / (double)Math.Max(1, night.HeapPeakAbove) - 1) * 100;
            var allocated = (facets.AllocatedMedian / (double)Math.Max(1, night.AllocatedMedian) - 1) * 100;
            output.WriteLine($"  {"whole night with lines, channels, codes",-44}{S(facets.Median),14}   vs {S(night.Median)} without: +{P(time)} (<= +50 %: {Verdict(time <= 50)}); " +
                $"read ledger {S(facets.ReadMedian)}, fold {S(facets.FoldMedian)}, compute {S(facets.ComputeMedian)}, write ledger {S(facets.WriteMedian)}");
            output.WriteLine($"  {"  heap peak above the orders, with them",-44}{MiB(facets.HeapPeakAbove),14}   vs {MiB(night.HeapPeakAbove)} without: +{P(heap)} " +
                $"(<= +50 %: {Verdict(heap <= 50)}); allocated {MiB(facets.AllocatedMedian)} vs {MiB(night.AllocatedMedian)} (+{P(allocated)})");
            output.WriteLine($"  {"  ledger size, with them",-44}{MiB(facets.LedgerBytes),14}   vs {MiB(night.LedgerBytes)} without");
        }
        if (f.Doubled is { } twice)
        {
            var growth = (twice.Median.TotalSeconds / night.Median.TotalSeconds - 1) * 100;
            var computeGrowth = (twice.ComputeMedian.TotalSeconds / night.ComputeMedian.TotalSeconds - 1) * 100;
            output.WriteLine($"  {$"whole night, twice the history ({N(twice.Orders)})",-44}{S(twice.Median),14}   " +
                $"(heap peak +{MiB(twice.HeapPeakAbove)}; {N(twice.OrdersOnAsOfDay)} vs {N(f.OrdersOnAsOfDay)} orders on the day)");
            output.WriteLine($"  {"growth with twice the history",-44}{(growth.ToString("F0", C) + " %"),14}   <= 20 %: {Verdict(growth <= 20)}; " +
                $"compute alone {computeGrowth.ToString("F0", C)} %");
        }
        if (f.FromStorage is { } stored)
        {
            output.WriteLine($"  {$"stored into the orders table ({N(stored.Orders)})",-44}{(N((long)stored.LoadRate) + " rows/s"),14}   ({S(stored.Load)})");
            output.WriteLine($"  {$"whole night from storage ({N(stored.Orders)})",-44}{S(stored.NextNight),14}   < 60 s: {Verdict(stored.NextNight.TotalSeconds < 60)}; " +
                $"ledger + {N(stored.DayChanges)} changes (first night, every order read: {S(stored.FirstNight)}; the read alone {S(stored.ReadAlone)})");
        }
        output.WriteLine($"  {"process peak working set",-44}{MiB(f.PeakWorkingSet),14}   (fits 24 GiB: {Verdict(f.PeakWorkingSet < 24L << 30)})");
        output.WriteLine($"  {"bench wall time",-44}{S(f.WallTime),14}");
    }

    /// <summary>The child-process bench's table: the night's peak and time, twice the history, DuckDB beside ours (docs/benchmarks.md quotes it).</summary>
    public void Write(NightlyChildBenchFigures f)
    {
        var (o, night) = (f.Options, f.Night);
        var child = night.Child;
        output.WriteLine();
        output.WriteLine($"bench nightly: {N(o.Orders)} orders / {N(o.Customers)} customers over {o.Years} years, with lines, channels, codes and countries " +
            $"({N(child.Purchases)} purchases as of {Day(NightlyBenchShop.DefaultAsOf)}), seed {o.Seed}, {f.Cores} cores");
        output.WriteLine($"  {"figure",-44}{"value",14}   target");
        var target = PeakTarget(night.Orders);
        output.WriteLine($"  {"the night's peak working set (child)",-44}{MiB(child.PeakWorkingSet),14}   " +
            (target is { } t ? $"<= {t.Label} at {N(t.Orders)} orders: {Verdict(child.PeakWorkingSet <= t.Bytes)}" : "(targets at 1,000,000 and 10,000,000 orders)") +
            $" ({(child.PeakWorkingSet / 1e9).ToString("F2", C)} GB, {child.PeakSource})");
        if (child.PeakAfterStep.Count == 6)
            output.WriteLine($"  {"  the peak after each step",-44}{"",14}   read ledger {MiB(child.PeakAfterStep[0])}, fold {MiB(child.PeakAfterStep[1])}, " +
                $"write ledger {MiB(child.PeakAfterStep[2])}, compute {MiB(child.PeakAfterStep[3])}, datasets {MiB(child.PeakAfterStep[4])}, exports {MiB(child.PeakAfterStep[5])}");
        output.WriteLine($"  {"  per customer / per order",-44}{$"{N((long)night.BytesPerCustomer)} B / {N((long)night.BytesPerOrder)} B",14}");
        output.WriteLine($"  {"  managed heap peak / allocated",-44}{MiB(child.HeapPeak),14}   allocated {MiB(child.Allocated)}, committed at the end {MiB(child.Committed)}, " +
            $"collections gen0/1/2 {child.Gen0}/{child.Gen1}/{child.Gen2}");
        output.WriteLine($"  {"the night's time (child)",-44}{Sec(child.Total),14}   < 60 s: {Verdict(child.Total < 60)}; read ledger {Sec(child.ReadLedger)}, " +
            $"fold {Sec(child.Fold)} ({N(child.Changes)} changes), write ledger {Sec(child.WriteLedger)}, compute {Sec(child.Compute)}, datasets {Sec(child.Datasets)}, " +
            $"exports and report {Sec(child.Exports)}; the process {S(night.ChildWall)}");
        output.WriteLine($"  {"  ledger / exports",-44}{MiB(child.LedgerBytes),14}   exports {MiB(child.ExportBytes)} in {N(child.ExportFiles)} files");
        if (f.Doubled is { } twice)
        {
            var time = twice.Child.Total / Math.Max(child.Total, 1e-6);
            var peak = twice.Child.PeakWorkingSet / (double)Math.Max(1, child.PeakWorkingSet);
            output.WriteLine($"  {$"twice the history ({N(twice.Orders)} orders)",-44}{Sec(twice.Child.Total),14}   {X(time)} the time (<= 2.1×: {Verdict(time <= 2.1)}); " +
                $"{N(twice.OrdersOnAsOfDay)} vs {N(night.OrdersOnAsOfDay)} orders on the day; compute {Sec(twice.Child.Compute)} vs {Sec(child.Compute)}");
            output.WriteLine($"  {"  its peak working set",-44}{MiB(twice.Child.PeakWorkingSet),14}   {X(peak)} the peak (<= 2.1×: {Verdict(peak <= 2.1)}); " +
                $"{N((long)twice.BytesPerCustomer)} B a customer, {N((long)twice.BytesPerOrder)} B an order");
        }
        var duck = f.DuckDb;
        output.WriteLine($"  {"DuckDB computes the same figures",-44}{(duck.AllEqual ? "yes" : "NO"),14}   {N(duck.Comparisons.Sum(c => c.Values))} values of " +
            $"{duck.Comparisons.Count} figures compared:");
        foreach (var c in duck.Comparisons)
            output.WriteLine($"    {c.Figure,-62}{N(c.Values),10} values  {(c.Equal ? "equal" : "DIFFERENT: " + c.FirstDifference)}");
        output.WriteLine($"  {"ours / DuckDB (the same figures)",-44}{X(duck.Ratio),14}   <= 1.0×: {Verdict(duck.Ratio <= 1.0)}; ours {S(duck.OursMedian)} " +
            $"(cold {S(duck.OursCold)}), DuckDB's SQL {S(duck.QueryMedian)} (cold {S(duck.QueryCold)}) after loading {N(duck.Purchases)} purchases in {S(duck.Load)}");
        output.WriteLine($"  {"bench wall time",-44}{S(f.WallTime),14}");
    }

    private static (long Orders, long Bytes, string Label)? PeakTarget(int orders) => orders switch
    {
        10_000_000 => (10_000_000, 1_500_000_000, "1.5 GB"),
        1_000_000 => (1_000_000, 300_000_000, "300 MB"),
        _ => null,
    };

    private static string Sec(double seconds) => seconds.ToString("F2", C) + " s";
    private static string X(double ratio) => ratio.ToString("F2", C) + "×";

    private static string N(long v) => v.ToString("N0", C);
    private static string P(double percent) => percent.ToString("F0", C) + " %";
    private static string S(TimeSpan t) => t.TotalSeconds.ToString("F2", C) + " s";
    private static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", C) + " MiB";
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", C);
    private static string Verdict(bool met) => met ? "met" : "MISSED";
}
