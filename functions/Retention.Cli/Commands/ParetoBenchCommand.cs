using System.CommandLine;
using System.Globalization;
using Retention.Cli.Bench;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention bench pareto</c>: the Pareto/NBD fit's time on the synthetic nightly shop (calibration and whole history)
/// and on an ordinary simulated shop (<see cref="ParetoNbdBenchmark"/>). Printed, never asserted.
/// </summary>
public static class ParetoBenchCommand
{
    public static Command Create()
    {
        var orders = new Option<int>("--orders") { Description = "Orders in the synthetic nightly shop (0: skip it)", DefaultValueFactory = _ => 1_000_000 };
        var customers = new Option<int>("--customers") { Description = "Customers in the synthetic nightly shop", DefaultValueFactory = _ => 200_000 };
        var years = new Option<int>("--years") { Description = "Years of the synthetic shop's history", DefaultValueFactory = _ => 2 };
        var ordinary = new Option<int>("--ordinary") { Description = "Customers of the ordinary simulated shop (0: skip it)", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of both shops", DefaultValueFactory = _ => 20240101 };
        var runs = new Option<int>("--runs") { Description = "Fits per shop", DefaultValueFactory = _ => 2 };
        var command = new Command("pareto", "Time the Pareto/NBD fit on the synthetic nightly shop (its z -> 1 corner) and on an ordinary simulated shop")
        {
            orders, customers, years, ordinary, seed, runs,
        };
        command.SetAction(StorageNeed.Never, (parse, _, _) =>
        {
            var n = parse.GetValue(runs);
            if (n is < 1 or > 20) throw new CliUsageException("--runs must be between 1 and 20");
            Console.WriteLine($"bench pareto: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {n} fits per shop");
            if (parse.GetValue(orders) > 0)
                foreach (var fit in ParetoNbdBenchmark.NightlyShop(parse.GetValue(orders), parse.GetValue(customers), parse.GetValue(years), parse.GetValue(seed), n))
                    Write(fit);
            if (parse.GetValue(ordinary) > 0) Write(ParetoNbdBenchmark.OrdinaryShop(parse.GetValue(ordinary), parse.GetValue(seed), n));
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Write(ParetoNbdBenchmark.Fit fit)
    {
        var c = CultureInfo.InvariantCulture;
        var m = fit.Result.Model;
        var convergence = fit.Result.Convergence;
        var estimate = m is null
            ? $"NOT FITTED ({fit.Result.Failure!.Reason}): {fit.Result.Failure.Message}" + (convergence is null ? "" : $"; {convergence.Iterations} iterations: {convergence.Detail}")
            : string.Create(c, $"r {m.R:G5} alpha {m.Alpha:G5} s {m.S:G5} beta {m.Beta:G5}; {convergence!.Method}, {convergence.Iterations} iterations");
        Console.WriteLine(string.Create(c, $"{fit.Shop}: {fit.Customers:N0} customers, {fit.Triples:N0} triples, {fit.Pairs:N0} pairs, {(double.IsNaN(fit.CornerShare) ? "no estimate to place them" : fit.CornerShare.ToString("P0", c) + " of them beyond z = 0.95 at the estimate")}"));
        Console.WriteLine($"  {estimate}");
        Console.WriteLine($"  fit {string.Join(", ", fit.Times.Select(t => t.TotalSeconds.ToString("F2", c) + " s"))}");
    }
}
