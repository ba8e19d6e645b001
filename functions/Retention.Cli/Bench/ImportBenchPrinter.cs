using System.Globalization;

namespace Retention.Cli.Bench;

/// <summary>
/// Writes <c>retention bench import</c>: each step as <see cref="ImportBench"/> reports it, then the import's rate beside the
/// raw table-batch rate (<c>docs/benchmarks.md</c>, <c>docs/import.md</c>).
/// </summary>
public sealed class ImportBenchPrinter(TextWriter output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public void Write(ImportBenchStep step)
    {
        switch (step)
        {
            case ImportBenchStep.FileGenerated g:
                output.WriteLine($"generated {g.Orders.ToString("N0", C)} orders ({g.Bytes / 1024.0 / 1024.0:F1} MiB) in {g.Path}");
                break;
            case ImportBenchStep.RawStarted r:
                output.WriteLine($"raw: {r.Orders.ToString("N0", C)} order-shaped rows as table batches of 100, {r.Concurrency} in flight, into a scratch table ...");
                break;
            case ImportBenchStep.ImportStarted i:
                output.WriteLine($"import: into {i.ShopId} ...");
                break;
            case ImportBenchStep.BenchShopRemoved r:
                output.WriteLine($"removed {r.ShopId} and its orders in {r.Elapsed.TotalSeconds.ToString("F1", C)} s (--keep keeps them)");
                break;
        }
    }

    public void Write(ImportBenchFigures f)
    {
        var (rate, raw) = (f.RowsPerSecond, f.Raw);
        output.WriteLine();
        output.WriteLine($"bench import: {f.Options.Orders.ToString("N0", C)} orders, {f.Options.Concurrency} table batches in flight");
        output.WriteLine($"  import                   {rate.ToString("N0", C),10} rows/s  {f.Elapsed.TotalSeconds.ToString("F1", C),7} s  (scan, archive, normalize, batches, checkpoints)");
        output.WriteLine($"  raw table batch insert   {raw.PerSecond.ToString("N0", C),10} rows/s  {raw.Elapsed.TotalSeconds.ToString("F1", C),7} s  (same row shape and count, nothing else)");
        output.WriteLine($"  import / raw             {(rate / raw.PerSecond).ToString("P0", C),10}");
    }
}
