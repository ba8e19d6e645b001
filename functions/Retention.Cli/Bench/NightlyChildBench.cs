using System.Diagnostics;
using System.Globalization;
using Retention.Core.Dimensions;
using Retention.Core.Ledger;
using Retention.Core.Metrics;
using Retention.Core.Nightly;
using Retention.Core.Orders;
using Retention.Core.Products;

namespace Retention.Cli.Bench;

/// <summary>One size's night as a child process measured it, with what the parent generated for it.</summary>
/// <param name="OrdersOnAsOfDay">orders placed on the as-of day (the rest of the day's changes are cancellations and refunds of older orders).</param>
/// <param name="Generated">the parent's generation of the ledger file and the day's changes (not part of the night).</param>
/// <param name="ChildWall">the child process from its start to its exit, runtime start-up included.</param>
public sealed record ChildNightFigures(int Orders, int Customers, int Years, int OrdersOnAsOfDay, long LedgerFileBytes, TimeSpan Generated,
    NightChildReport Child, TimeSpan ChildWall)
{
    public double BytesPerCustomer => Child.PeakWorkingSet / (double)Customers;
    public double BytesPerOrder => Child.PeakWorkingSet / (double)Orders;
}

/// <summary>Ours beside DuckDB on the same purchases: the load, the queries, our computation of the same figures, and each comparison.</summary>
/// <param name="OursMedian">our computation of the compared figures from the folded ledger (purchases as of the day, headline, retention figures, dimension figures), the median of the warm runs.</param>
public sealed record DuckDbNightFigures(int Purchases, TimeSpan Load, TimeSpan QueryCold, TimeSpan QueryMedian, TimeSpan OursCold, TimeSpan OursMedian,
    IReadOnlyList<FigureComparison> Comparisons)
{
    public bool AllEqual => Comparisons.All(c => c.Equal);
    public double Ratio => OursMedian.TotalSeconds / Math.Max(QueryMedian.TotalSeconds, 1e-6);
}

/// <summary>What <c>retention bench nightly</c> measured: the night in a child process on the shop and on twice its history, and DuckDB beside ours.</summary>
public sealed record NightlyChildBenchFigures(NightlyBenchOptions Options, int Cores, ChildNightFigures Night, ChildNightFigures? Doubled,
    DuckDbNightFigures DuckDb, TimeSpan WallTime);

/// <summary>
/// <c>retention bench nightly</c>: the parent generates the bench shop (with lines, channels, codes and countries) straight
/// into yesterday's ledger file and the day's changes in a temporary folder, then starts this same executable as a child
/// (<c>retention bench night-child</c>, <see cref="NightChild"/>) that does the night and nothing else and prints its own peak
/// working set; the generator's memory is the parent's and never counts. Then twice the history (twice the years, orders and
/// customers: the same day's volume behind twice the history) the same way, and last, in the parent, our computation of the
/// figures DuckDB computes too, beside DuckDB's SQL on the same purchases, compared value for value.
/// </summary>
/// <param name="childStart">how to start the child with the given arguments; <see cref="ChildStart"/> by default.</param>
/// <param name="keepFiles">a folder to generate into and leave in place (yesterday.ledger, night.json, out/), so that
/// <c>retention bench night-child</c> can be run on the same night again, e.g. before and after a change; null: a temporary folder, removed.</param>
public sealed class NightlyChildBench(NightlyBenchOptions options, Action<string> progress, Func<IReadOnlyList<string>, ProcessStartInfo>? childStart = null,
    string? keepFiles = null)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public async Task<NightlyChildBenchFigures> RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        progress($"bench nightly: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}; " +
            "each night in a child process of its own");
        var folder = keepFiles is null ? Directory.CreateTempSubdirectory("retention-bench-nightly-") : Directory.CreateDirectory(keepFiles);
        try
        {
            var night = await MeasureAsync(folder, options.Orders, options.Customers, options.Years, cancellationToken);
            var duckDb = CompareWithDuckDb(folder, night);
            ChildNightFigures? doubled = null;
            if (options.Doubling)
            {
                NightlyComputeBenchmark.FullCollect();
                var twice = keepFiles is null ? folder : Directory.CreateDirectory(Path.Combine(folder.FullName, "doubled"));
                doubled = await MeasureAsync(twice, 2 * options.Orders, 2 * options.Customers, 2 * options.Years, cancellationToken);
            }
            return new NightlyChildBenchFigures(options, Environment.ProcessorCount, night, doubled, duckDb, total.Elapsed);
        }
        finally
        {
            if (keepFiles is null) folder.Delete(recursive: true);
        }
    }

    private static string LedgerPath(DirectoryInfo folder) => Path.Combine(folder.FullName, "yesterday.ledger");
    private static string NightPath(DirectoryInfo folder) => Path.Combine(folder.FullName, "night.json");

    /// <summary>Generates one size into the folder, runs the child on it, and returns what it printed.</summary>
    private async Task<ChildNightFigures> MeasureAsync(DirectoryInfo folder, int orders, int customers, int years, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (onDay, ledgerBytes) = Generate(folder, orders, customers, years);
        var generated = clock.Elapsed;
        progress($"generated {orders:N0} orders of {customers:N0} customers over {years} years into yesterday's ledger ({ledgerBytes / 1048576.0:N0} MiB) " +
            $"and the day's changes ({onDay:N0} ordered on the as-of day) in {generated.TotalSeconds:F2} s; the night in a child process ...");
        NightlyComputeBenchmark.FullCollect();

        var output = Path.Combine(folder.FullName, "out");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        Directory.CreateDirectory(output);
        var start = (childStart ?? ChildStart)(["bench", "night-child", "--ledger", LedgerPath(folder), "--night", NightPath(folder), "--out", output]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        clock.Restart();
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stdout = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        var wall = clock.Elapsed;
        var (text, errors) = (await stdout, await stderr);
        var report = child.ExitCode == 0 ? NightChildReport.Find(text) : null;
        if (report is null)
            throw new InvalidOperationException($"the night's child process exited {child.ExitCode} without its figures: {errors.Trim()} {text.Trim()}".Trim());
        var figures = new ChildNightFigures(orders, customers, years, onDay, ledgerBytes, generated, report, wall);
        progress($"  child: peak working set {report.PeakWorkingSet / 1048576.0:N0} MiB ({report.PeakSource}), managed heap peak {report.HeapPeak / 1048576.0:N0} MiB, " +
            $"night {report.Total:F2} s (read ledger {report.ReadLedger:F2}, fold {report.Fold:F2}, write ledger {report.WriteLedger:F2}, compute {report.Compute:F2}, " +
            $"datasets {report.Datasets:F2}, exports and report {report.Exports:F2}); process {wall.TotalSeconds:F2} s");
        return figures;
    }

    /// <summary>
    /// The shop's orders streamed once: those placed before the as-of day built into yesterday's ledger and written to its file,
    /// those changed on the as-of day (placed, cancelled or refunded that day) kept as the day's changes.
    /// </summary>
    private (int OnDay, long LedgerBytes) Generate(DirectoryInfo folder, int orders, int customers, int years)
    {
        var (shop, _, asOf) = NightlyBenchShop.Frame("bench-nightly", years);
        var calendar = shop.Calendar();
        var changes = new List<NormalizedOrder>();
        var onDay = 0;
        IEnumerable<NormalizedOrder> Yesterday()
        {
            foreach (var order in NightlyBenchShop.Stream(shop.Id, orders, customers, years, options.Seed, facets: true))
            {
                if (NightlyComputeBenchmark.ChangedOn(order, calendar, asOf)) changes.Add(order);
                if (calendar.LocalDate(order.OrderedAt) == asOf) onDay++;
                else yield return order;
            }
        }
        var ledger = OrderLedger.Build(shop, Yesterday());
        using (var file = new FileStream(LedgerPath(folder), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            OrderLedgerFile.Write(ledger, file);
        new NightChildInput(shop.Id, shop.TimeZoneId, shop.Currency, asOf, changes).Write(NightPath(folder));
        return (onDay, new FileInfo(LedgerPath(folder)).Length);
    }

    /// <summary>
    /// In this process, from the same files as the child: the ledger read and folded, then our figures that DuckDB computes too,
    /// timed (cold, then the median of the rest), beside DuckDB's load and queries on the same purchases, and each compared.
    /// </summary>
    private DuckDbNightFigures CompareWithDuckDb(DirectoryInfo folder, ChildNightFigures night)
    {
        var input = NightChildInput.Read(NightPath(folder));
        var shop = input.Shop;
        var runs = Math.Max(1, options.Runs);
        progress($"ours beside DuckDB on the same {night.Child.Purchases:N0} purchases, {runs} runs each ...");
        using var duck = new DuckDbCohortBenchmark();
        var (figures, ours, load) = ComputeOursAndLoad(folder, input, runs, duck);
        NightlyComputeBenchmark.FullCollect();
        var queries = new List<TimeSpan>();
        DuckDbNightAnswers? answers = null;
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            answers = duck.QueryNight(input.AsOf, shop.RetentionSettings.ChurnDays);
            queries.Add(clock.Elapsed);
        }
        var comparisons = DuckDbCohortBenchmark.CompareNight(figures, answers!);
        var result = new DuckDbNightFigures(figures.Headline.Orders, load, queries[0], NightlyComputeBenchmark.Median(queries.Count > 1 ? queries.Skip(1) : queries),
            ours[0], NightlyComputeBenchmark.Median(ours.Count > 1 ? ours.Skip(1) : ours), comparisons);
        progress($"  ours {result.OursMedian.TotalSeconds.ToString("F2", C)} s (cold {result.OursCold.TotalSeconds.ToString("F2", C)} s), " +
            $"DuckDB load {load.TotalSeconds.ToString("F2", C)} s, queries {result.QueryMedian.TotalSeconds.ToString("F2", C)} s " +
            $"(cold {result.QueryCold.TotalSeconds.ToString("F2", C)} s); {(result.AllEqual ? "every figure equal" : "DIFFERENT")}");
        return result;
    }

    /// <summary>The ledger read and folded, our figures computed <paramref name="runs"/> times, the purchases loaded into DuckDB; the ledger is let go on return.</summary>
    private static (ComparedNightFigures Figures, List<TimeSpan> Ours, TimeSpan Load) ComputeOursAndLoad(DirectoryInfo folder, NightChildInput input, int runs,
        DuckDbCohortBenchmark duck)
    {
        var shop = input.Shop;
        OrderLedger ledger;
        using (var file = new FileStream(LedgerPath(folder), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            ledger = OrderLedgerFile.Read(file).Apply(shop, input.Changes, []);
        var ours = new List<TimeSpan>();
        ComparedNightFigures? figures = null;
        for (var run = 0; run < runs; run++)
        {
            NightlyComputeBenchmark.FullCollect();
            var clock = Stopwatch.StartNew();
            var history = ledger.PurchasesAsOf(input.AsOf);
            var headline = HeadlineFigures.Compute(shop, history, ledger.NetRevenueAsOf(input.AsOf.AddDays(-1)));
            var retention = RetentionMetrics.Compute(history, shop.RetentionSettings);
            var dimensions = DimensionFigures.Compute(ledger, ProductCatalog.Empty, input.AsOf, []);
            ours.Add(clock.Elapsed);
            figures = new ComparedNightFigures(headline, retention, dimensions);
        }
        return (figures!, ours, duck.LoadNight(ledger, input.AsOf));
    }

    /// <summary>This same executable with the given arguments: <c>retention …</c>, or <c>dotnet retention.dll …</c> when run that way.</summary>
    public static ProcessStartInfo ChildStart(IReadOnlyList<string> arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo();
        if (Path.GetFileNameWithoutExtension(host) == "retention") start.FileName = host;
        else
        {
            start.FileName = Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
            start.ArgumentList.Add(typeof(NightChild).Assembly.Location);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
