using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Retention.Cli.Bench;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention bench models</c>: fit and prediction times of the CLV models for simulated shops of 10,000, 100,000 and
/// 1,000,000 customers (<c>docs/models.md</c>, "Bench"). Printed, never asserted.
/// </summary>
public static class ModelBenchCommand
{
    public static Command Create()
    {
        var sizes = new Option<string>("--customers") { Description = "Comma-separated shop sizes", DefaultValueFactory = _ => "10000,100000,1000000" };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated customers", DefaultValueFactory = _ => 20240101 };
        var command = new Command("models", "Time the BG/NBD and Gamma-Gamma fits and the predictions for every customer on simulated shops") { sizes, seed };
        command.SetAction(StorageNeed.Never, (parse, _, _) =>
        {
            var c = CultureInfo.InvariantCulture;
            var counts = new List<int>();
            foreach (var part in parse.GetValue(sizes)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                counts.Add(int.TryParse(part, NumberStyles.None, c, out var n) && n is >= 1 and <= 10_000_000
                    ? n
                    : throw new CliUsageException($"--customers must be sizes between 1 and 10,000,000 separated by commas, not '{part}'"));
            if (counts.Count == 0) throw new CliUsageException("--customers must name at least one size");
            string S(TimeSpan t) => t.TotalSeconds.ToString("F3", c) + " s";
            string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", c) + " MiB";
            string N(long v) => v.ToString("N0", c);
            var t = ModelBenchmark.Truth;
            var g = ModelBenchmark.SpendTruth;
            Console.WriteLine($"bench models: {Environment.ProcessorCount} cores, .NET {Environment.Version}; simulated BG/NBD r {t.R} alpha {t.Alpha} a {t.A} b {t.B}, " +
                $"Gamma-Gamma p {g.P} q {g.Q} gamma {g.Gamma}; first purchases 26-78 weeks before the calibration end, whole days, weeks as the unit");
            var results = new List<ModelBenchmark.Result>();
            foreach (var n in counts)
            {
                var r = ModelBenchmark.Measure(n, parse.GetValue(seed));
                results.Add(r);
                var bg = r.BgNbd.Model;
                var spend = r.Spend.Model;
                Console.WriteLine($"{N(n)} customers (simulated in {S(r.Simulate)}): {N(r.Triples)} distinct triples, {N(r.RepeatBuyers)} repeat buyers");
                Console.WriteLine($"  BG/NBD      {(bg is null ? "NOT FITTED: " + r.BgNbd.Failure!.Message : $"r {bg.R:F4} alpha {bg.Alpha:F4} a {bg.A:F4} b {bg.B:F4}; {r.BgNbd.Convergence!.Method}, {r.BgNbd.Convergence.Iterations} iterations")}");
                Console.WriteLine($"  Gamma-Gamma {(spend is null ? "NOT FITTED: " + r.Spend.Failure!.Message : $"p {spend.P:F4} q {spend.Q:F4} gamma {spend.Gamma:F4}; {r.Spend.Convergence!.Method}, {r.Spend.Convergence.Iterations} iterations")}");
                Console.WriteLine($"  12-month CLV of all customers (1 % monthly discount): {r.TotalClv.ToString("N0", c)}");
                ModelBenchmark.FullCollect();
            }
            Console.WriteLine();
            Console.WriteLine($"  {"customers",12} {"triples",10} {"compress",10} {"BG/NBD fit",11} {"(heap)",9} {"GG fit",10} {"(heap)",9} {"predict all",12} {"(heap)",9}");
            foreach (var r in results)
                Console.WriteLine($"  {N(r.Customers),12} {N(r.Triples),10} {S(r.Compress.Elapsed),10} {S(r.BgNbdFit.Elapsed),11} {MiB(r.BgNbdFit.PeakHeapAbove),9} " +
                    $"{S(r.GammaGammaFit.Elapsed),10} {MiB(r.GammaGammaFit.PeakHeapAbove),9} {S(r.Predict.Elapsed),12} {MiB(r.Predict.PeakHeapAbove),9}");
            var largest = results.MaxBy(r => r.Customers)!;
            string Verdict(TimeSpan time) => time.TotalSeconds < 1 ? "met" : "MISSED";
            Console.WriteLine($"  target < 1 s each at {N(largest.Customers)}: BG/NBD fit (with compression) {Verdict(largest.Compress.Elapsed + largest.BgNbdFit.Elapsed)}, " +
                $"Gamma-Gamma fit {Verdict(largest.GammaGammaFit.Elapsed)}, predictions {Verdict(largest.Predict.Elapsed)}");
            Console.WriteLine($"  process peak working set {MiB(Process.GetCurrentProcess().PeakWorkingSet64)}");
            return Task.FromResult(0);
        });
        return command;
    }
}
