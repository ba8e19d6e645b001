using System.Globalization;

namespace Retention.Cli.Bench;

/// <summary>
/// Writes <c>retention bench models</c>: the simulated truth, each size's fits (BG/NBD, Pareto/NBD and MBG/NBD side by side) as <see cref="ModelBenchmark"/> returns
/// them, then one table of the timings with the targets (<c>docs/models.md</c> quotes it, so its layout is kept).
/// </summary>
public sealed class ModelBenchPrinter(TextWriter output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public void WriteStart(int cores, Version runtime)
    {
        var (t, g) = (ModelBenchmark.Truth, ModelBenchmark.SpendTruth);
        output.WriteLine($"bench models: {cores} cores, .NET {runtime}; simulated BG/NBD r {t.R} alpha {t.Alpha} a {t.A} b {t.B}, " +
            $"Gamma-Gamma p {g.P} q {g.Q} gamma {g.Gamma}; first purchases 26-78 weeks before the calibration end, whole days, weeks as the unit");
    }

    public void Write(ModelBenchmark.Result r)
    {
        var (bg, pareto, mbg, spend) = (r.BgNbd.Model, r.ParetoNbd.Model, r.MbgNbd.Model, r.Spend.Model);
        output.WriteLine($"{N(r.Customers)} customers (simulated in {S(r.Simulate)}): {N(r.Triples)} distinct triples, {N(r.RepeatBuyers)} repeat buyers");
        output.WriteLine($"  BG/NBD      {(bg is null ? "NOT FITTED: " + r.BgNbd.Failure!.Message : $"r {bg.R:F4} alpha {bg.Alpha:F4} a {bg.A:F4} b {bg.B:F4}; {r.BgNbd.Convergence!.Method}, {r.BgNbd.Convergence.Iterations} iterations")}");
        output.WriteLine($"  Pareto/NBD  {(pareto is null ? "NOT FITTED: " + r.ParetoNbd.Failure!.Message : $"r {pareto.R:F4} alpha {pareto.Alpha:F4} s {pareto.S:F4} beta {pareto.Beta:F4}; {r.ParetoNbd.Convergence!.Method}, {r.ParetoNbd.Convergence.Iterations} iterations")}");
        output.WriteLine($"  MBG/NBD     {(mbg is null ? "NOT FITTED: " + r.MbgNbd.Failure!.Message : $"r {mbg.R:F4} alpha {mbg.Alpha:F4} a {mbg.A:F4} b {mbg.B:F4}; {r.MbgNbd.Convergence!.Method}, {r.MbgNbd.Convergence.Iterations} iterations")}");
        output.WriteLine($"  Gamma-Gamma {(spend is null ? "NOT FITTED: " + r.Spend.Failure!.Message : $"p {spend.P:F4} q {spend.Q:F4} gamma {spend.Gamma:F4}; {r.Spend.Convergence!.Method}, {r.Spend.Convergence.Iterations} iterations")}");
        output.WriteLine($"  12-month CLV of all customers (1 % monthly discount): {r.TotalClv.ToString("N0", C)}");
    }

    /// <param name="peakWorkingSet">the process's peak working set after the last size.</param>
    public void Write(IReadOnlyList<ModelBenchmark.Result> results, long peakWorkingSet)
    {
        output.WriteLine();
        output.WriteLine($"  {"customers",12} {"triples",10} {"compress",10} {"BG/NBD fit",11} {"(heap)",9} {"P/NBD fit",11} {"(heap)",9} {"MBG fit",10} {"(heap)",9} {"GG fit",10} {"(heap)",9} {"predict all",12} {"(heap)",9}");
        foreach (var r in results)
            output.WriteLine($"  {N(r.Customers),12} {N(r.Triples),10} {S(r.Compress.Elapsed),10} {S(r.BgNbdFit.Elapsed),11} {MiB(r.BgNbdFit.PeakHeapAbove),9} " +
                $"{S(r.ParetoNbdFit.Elapsed),11} {MiB(r.ParetoNbdFit.PeakHeapAbove),9} {S(r.MbgNbdFit.Elapsed),10} {MiB(r.MbgNbdFit.PeakHeapAbove),9} " +
                $"{S(r.GammaGammaFit.Elapsed),10} {MiB(r.GammaGammaFit.PeakHeapAbove),9} {S(r.Predict.Elapsed),12} {MiB(r.Predict.PeakHeapAbove),9}");
        var largest = results.MaxBy(r => r.Customers)!;
        output.WriteLine($"  target < 1 s each at {N(largest.Customers)}: BG/NBD fit (with compression) {Verdict(largest.Compress.Elapsed + largest.BgNbdFit.Elapsed)}, " +
            $"MBG/NBD fit {Verdict(largest.MbgNbdFit.Elapsed)}, " +
            $"Gamma-Gamma fit {Verdict(largest.GammaGammaFit.Elapsed)}, predictions {Verdict(largest.Predict.Elapsed)}");
        // The Pareto/NBD fit compresses again (its fitter takes summaries, as the nightly calls it), so its time includes that.
        var paretoTime = largest.ParetoNbdFit.Elapsed;
        var bgTime = largest.Compress.Elapsed + largest.BgNbdFit.Elapsed;
        output.WriteLine($"  target < 5 s at {N(largest.Customers)}: Pareto/NBD fit (with compression) {S(paretoTime)} {Verdict(paretoTime, 5)}, " +
            $"against BG/NBD's {S(bgTime)} in the same run ({(paretoTime / bgTime).ToString("F1", C)} times)" +
            (largest.ParetoNbd.IsFitted ? "" : "; Pareto/NBD NOT FITTED"));
        output.WriteLine($"  process peak working set {MiB(peakWorkingSet)}");
    }

    private static string N(long v) => v.ToString("N0", C);
    private static string S(TimeSpan t) => t.TotalSeconds.ToString("F3", C) + " s";
    private static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", C) + " MiB";
    private static string Verdict(TimeSpan time, double seconds = 1) => time.TotalSeconds < seconds ? "met" : "MISSED";
}
