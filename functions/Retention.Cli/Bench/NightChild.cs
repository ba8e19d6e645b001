using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Retention.Core.Datasets;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Orders;
using Retention.Core.Products;
using Retention.Core.Shops;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Telemetry;

namespace Retention.Cli.Bench;

/// <summary>
/// The night's input beside yesterday's ledger file: the shop and the day's changed orders, as <c>bench nightly</c>'s parent
/// writes them for the child (JSON: a day's changes are thousands of orders, not millions).
/// </summary>
public sealed record NightChildInput(string ShopId, string TimeZoneId, string Currency, DateOnly AsOf, IReadOnlyList<NormalizedOrder> Changes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonIgnore]
    public Shop Shop => new(ShopId, TimeZoneId, Currency, DateTimeOffset.UnixEpoch);

    public void Write(string path)
    {
        using var file = File.Create(path);
        JsonSerializer.Serialize(file, this, Json);
    }

    public static NightChildInput Read(string path)
    {
        using var file = File.OpenRead(path);
        return JsonSerializer.Deserialize<NightChildInput>(file, Json) ?? throw new InvalidDataException($"{path} holds no night");
    }
}

/// <summary>
/// What the child measured of its night, printed as one line (<see cref="Prefix"/> and JSON) for the parent to read.
/// Times in seconds, sizes in bytes.
/// </summary>
/// <param name="PeakWorkingSet">the child's own peak resident set at its end (Linux: VmHWM of /proc/self/status; elsewhere the process's PeakWorkingSet64).</param>
/// <param name="HeapPeak">the highest managed heap seen (sampled every 5 ms) during the night.</param>
/// <param name="Allocated">bytes allocated on the managed heap during the night.</param>
/// <param name="Committed">memory the GC had committed after the last collection.</param>
public sealed record NightChildReport(
    int LedgerOrders,
    int Changes,
    int Customers,
    int Purchases,
    double ReadLedger,
    double Fold,
    double WriteLedger,
    double Compute,
    double Datasets,
    double Exports,
    double Total,
    long LedgerBytes,
    long ExportBytes,
    int ExportFiles,
    long PeakWorkingSet,
    string PeakSource,
    long HeapPeak,
    long Allocated,
    long Committed,
    int Gen0,
    int Gen1,
    int Gen2)
{
    /// <summary>The peak working set as it stood after each step (read, fold, write ledger, compute, datasets, exports): where the peak was reached.</summary>
    public IReadOnlyList<long> PeakAfterStep { get; init; } = [];

    public const string Prefix = "NIGHT-CHILD ";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToLine() => Prefix + JsonSerializer.Serialize(this, Json);

    /// <summary>The report in a child's standard output, or null when it printed none.</summary>
    public static NightChildReport? Find(string output)
    {
        using var reader = new StringReader(output);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            if (line.StartsWith(Prefix, StringComparison.Ordinal)) return JsonSerializer.Deserialize<NightChildReport>(line[Prefix.Length..], Json);
        return null;
    }
}

/// <summary>
/// <c>retention bench night-child</c>: one night and nothing else, in a process of its own so that its peak working set is the
/// night's and not the bench's generator's. The steps of the nightly service without its storage round trips, in its order
/// (<c>OrderLedgerService.LoadAsync</c>, then <c>SnapshotService</c>): yesterday's ledger read from its file, the day's
/// changes folded in (and yesterday's ledger released, <see cref="NightMemory"/>), today's ledger written, what the figures
/// read of it (<see cref="LedgerFigures"/>), the ledger let go and collected, every other figure and the forecast
/// (<see cref="NightlyFigures.ComputeFrom"/>; the two are what <see cref="NightlyComputeBenchmark"/> times), a collection,
/// the datasets' rows, then every dataset as Parquet and CSV, the HTML report and the manifest
/// (<see cref="SnapshotExporter"/>) into a folder.
/// </summary>
public static class NightChild
{
    public static async Task<NightChildReport> RunAsync(string ledgerPath, string nightPath, string outputFolder, CancellationToken cancellationToken)
    {
        var input = NightChildInput.Read(nightPath);
        NightlyComputeBenchmark.FullCollect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        using var sampler = new NightlyComputeBenchmark.HeapSampler();
        var clock = Stopwatch.StartNew();

        var peaks = new List<long>();
        var todayPath = Path.Combine(outputFolder, "orders.ledger");
        var (night, yesterdayOrders, (read, folded, written, computed)) = Night(ledgerPath, input, todayPath, clock, peaks);
        NightMemory.Collect(night.Headline.Orders);
        var rows = NightlyDatasets.RowsOf(night);
        var datasets = clock.Elapsed;
        peaks.Add(PeakWorkingSet().Bytes);
        using var tracing = new RetentionTracing();
        var store = new DirectoryExportStore(Path.Combine(outputFolder, "exports"));
        var manifest = await new SnapshotExporter(TimeProvider.System, tracing).PublishAsync(night, rows, "bench-night-child", store, cancellationToken);
        var exported = clock.Elapsed;
        var heapPeak = sampler.Stop();

        var (peak, source) = PeakWorkingSet();
        var memory = GC.GetGCMemoryInfo();
        return new NightChildReport(yesterdayOrders, input.Changes.Count, night.Headline.Customers, night.Headline.Orders,
            read.TotalSeconds, (folded - read).TotalSeconds, (written - folded).TotalSeconds, (computed - written).TotalSeconds,
            (datasets - computed).TotalSeconds, (exported - datasets).TotalSeconds, exported.TotalSeconds,
            new FileInfo(todayPath).Length, manifest.Files.Sum(f => f.Bytes), manifest.Files.Count,
            peak, source, heapPeak, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, memory.TotalCommittedBytes,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2) { PeakAfterStep = [.. peaks, peak] };
    }

    /// <summary>
    /// The night's figures in a frame of their own: what was read of the ledger (<see cref="LedgerNight"/>), the purchases
    /// as of the day among it, is garbage once it returns, before the datasets and exports. In the async method a temporary
    /// of the call kept it alive through them (a WeakReference said so: at 10,000,000 orders about 450 MiB).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (NightlyFigures Night, int YesterdayOrders, (TimeSpan Read, TimeSpan Folded, TimeSpan Written, TimeSpan Computed) Times) Night(
        string ledgerPath, NightChildInput input, string todayPath, Stopwatch clock, List<long> peaks)
    {
        var (fromLedger, yesterdayOrders, (read, folded, written)) = LedgerNight(ledgerPath, input, todayPath, clock, peaks);
        NightMemory.Collect(yesterdayOrders);
        var night = NightlyFigures.ComputeFrom(input.Shop, fromLedger, new Dictionary<DateOnly, decimal>(), []);
        var computed = clock.Elapsed;
        peaks.Add(PeakWorkingSet().Bytes);
        return (night, yesterdayOrders, (read, folded, written, computed));
    }

    /// <summary>
    /// Everything the night does with the ledger, in a frame of its own: yesterday's read and the day folded in, today's
    /// written, what the figures read of it (<see cref="LedgerFigures"/>). Both ledgers are garbage once it returns, before
    /// the forecast, as in <c>SnapshotService</c>. Held in the async method instead, set to null after use, a copy the JIT
    /// keeps for the method's whole life (it has a try/finally) kept today's ledger alive (a WeakReference said so at
    /// 4,000,000 orders: 280 MiB of live heap).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (LedgerFigures Read, int YesterdayOrders, (TimeSpan Read, TimeSpan Folded, TimeSpan Written) Times) LedgerNight(
        string ledgerPath, NightChildInput input, string todayPath, Stopwatch clock, List<long> peaks)
    {
        var (ledger, yesterdayOrders, read) = ReadAndFold(ledgerPath, input, clock, peaks);
        NightMemory.Release(ledger.Count);
        var folded = clock.Elapsed;
        peaks.Add(PeakWorkingSet().Bytes);
        using (var file = new FileStream(todayPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            OrderLedgerFile.Write(ledger, file);
        var written = clock.Elapsed;
        peaks.Add(PeakWorkingSet().Bytes);
        return (LedgerFigures.Of(input.Shop, ledger, ProductCatalog.Empty, input.AsOf), yesterdayOrders, (read, folded, written));
    }

    /// <summary>
    /// Yesterday's ledger read and the day folded in, in a frame of its own: yesterday's ledger is garbage once it returns
    /// (a temporary in the caller kept it alive through the figures: +200 MiB at 4,000,000 orders).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (OrderLedger Today, int YesterdayOrders, TimeSpan Read) ReadAndFold(string ledgerPath, NightChildInput input, Stopwatch clock,
        List<long> peaks)
    {
        OrderLedger yesterday;
        using (var file = new FileStream(ledgerPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            yesterday = OrderLedgerFile.Read(file);
        var read = clock.Elapsed;
        peaks.Add(PeakWorkingSet().Bytes);
        return (yesterday.Apply(input.Shop, input.Changes, []), yesterday.Count, read);
    }

    /// <summary>
    /// This process's peak resident set: on Linux the kernel's high-water mark VmHWM (kB) from /proc/self/status, which is
    /// what an instance's memory limit is measured against; elsewhere .NET's PeakWorkingSet64.
    /// </summary>
    public static (long Bytes, string Source) PeakWorkingSet()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return (long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024, "VmHWM");
                }
        using var self = Process.GetCurrentProcess();
        return (self.PeakWorkingSet64, "PeakWorkingSet64");
    }
}
