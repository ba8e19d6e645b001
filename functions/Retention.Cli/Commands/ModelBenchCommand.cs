using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Retention.Cli.Bench;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention bench models</c>: fit and prediction times of the CLV models for simulated shops of 10,000, 100,000 and
/// 1,000,000 customers (<c>docs/models.md</c>, "Bench"). Printed, never asserted: <see cref="ModelBenchmark"/> measures
/// a size, <see cref="ModelBenchPrinter"/> writes it.
/// </summary>
public static class ModelBenchCommand
{
    public static Command Create()
    {
        var sizes = new Option<string>("--customers") { Description = "Comma-separated shop sizes", DefaultValueFactory = _ => "10000,100000,1000000" };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated customers", DefaultValueFactory = _ => 20240101 };
        var command = new Command("models", "Time the BG/NBD, Pareto/NBD and Gamma-Gamma fits and the predictions for every customer on simulated shops") { sizes, seed };
        command.SetAction(StorageNeed.Never, (parse, _, _) =>
        {
            var c = CultureInfo.InvariantCulture;
            var counts = new List<int>();
            foreach (var part in parse.GetValue(sizes)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                counts.Add(int.TryParse(part, NumberStyles.None, c, out var n) && n is >= 1 and <= 10_000_000
                    ? n
                    : throw new CliUsageException($"--customers must be sizes between 1 and 10,000,000 separated by commas, not '{part}'"));
            if (counts.Count == 0) throw new CliUsageException("--customers must name at least one size");
            var printer = new ModelBenchPrinter(Console.Out);
            printer.WriteStart(Environment.ProcessorCount, Environment.Version);
            var results = new List<ModelBenchmark.Result>();
            foreach (var n in counts)
            {
                var r = ModelBenchmark.Measure(n, parse.GetValue(seed));
                results.Add(r);
                printer.Write(r);
                ModelBenchmark.FullCollect();
            }
            printer.Write(results, Process.GetCurrentProcess().PeakWorkingSet64);
            return Task.FromResult(0);
        });
        return command;
    }
}
