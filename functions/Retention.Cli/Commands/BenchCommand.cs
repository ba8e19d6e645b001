using System.CommandLine;
using Retention.Cli.Bench;
using Retention.Pipeline.Import;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention bench</c>: measured scenarios, printed and never asserted (a shared machine's figures vary).
/// <c>bench import</c> imports a generated history into a fresh shop and sets its rate beside the plain
/// table-batch rate of the same storage in the same run. <c>bench nightly</c> times the night's computation on
/// a large in-memory shop, beside DuckDB on the same purchases and on twice the history (<c>docs/benchmarks.md</c>).
/// Each has a runner that measures and returns its figures (<see cref="ImportBench"/>, <see cref="NightlyBench"/>) and a
/// printer that writes them.
/// </summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Measure a scenario on the configured storage and print the figures")
        { Import(), Nightly(), NightChild(), LoadBenchCommand.Create(), ModelBenchCommand.Create(), ParetoBenchCommand.Create() };

    private static Command Import()
    {
        var orders = new Option<int>("--orders") { Description = "Orders in the generated history", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated history", DefaultValueFactory = _ => 20240101 };
        var concurrency = new Option<int>("--concurrency") { Description = "Table batches in flight at once", DefaultValueFactory = _ => ImportRequest.DefaultConcurrency };
        var keep = new Option<bool>("--keep") { Description = "Keep the bench shop and its orders afterwards (default: removed)" };
        var command = new Command("import", "Import a generated generic-csv history into a fresh shop; print rows/s beside the raw table-batch rate")
        {
            orders, seed, concurrency, keep,
        };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var options = new ImportBenchOptions(parse.GetValue(orders), parse.GetValue(seed), parse.GetValue(concurrency), parse.GetValue(keep));
            if (options.Orders is < 1 or > 10_000_000) throw new CliUsageException("--orders must be between 1 and 10,000,000");
            if (options.Concurrency is < 1 or > 64) throw new CliUsageException("--concurrency must be between 1 and 64");
            var services = await context.ServicesAsync(cancellationToken);
            var printer = new ImportBenchPrinter(Console.Out);
            // Disposed after the figures are printed: the bench shop is removed last, and also when the run fails.
            await using var bench = new ImportBench(options, services, ImportCommand.RunAsync, printer.Write);
            printer.Write(await bench.RunAsync(cancellationToken));
            return 0;
        });
        return command;
    }

    private static Command Nightly()
    {
        var orders = new Option<int>("--orders") { Description = "Orders in the synthetic shop", DefaultValueFactory = _ => 1_000_000 };
        var customers = new Option<int>("--customers") { Description = "Customers in the synthetic shop", DefaultValueFactory = _ => 200_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic shop", DefaultValueFactory = _ => 20240101 };
        var years = new Option<int>("--years") { Description = "Years of history up to the as-of day 2025-12-31", DefaultValueFactory = _ => 2 };
        var runs = new Option<int>("--runs") { Description = "Computations per size: the first is the cold one, the median is over the rest", DefaultValueFactory = _ => 4 };
        var noDoubling = new Option<bool>("--no-doubling") { Description = "Skip the run on twice the history" };
        var fromStorage = new Option<bool>("--from-storage") { Description = "Also store a shop in the configured storage and time the night end to end (minutes on Azurite)" };
        var storageOrders = new Option<int>("--storage-orders") { Description = "Orders of the --from-storage shop (customers in the same ratio)", DefaultValueFactory = _ => 200_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Table batches in flight when storing", DefaultValueFactory = _ => 8 };
        var keep = new Option<bool>("--keep") { Description = "Keep the --from-storage bench shop and its orders afterwards (default: removed)" };
        var inProcess = new Option<bool>("--in-process")
        {
            Description = "The earlier bench: every night in this process, several runs each, with and without lines (--from-storage implies it)",
        };
        var keepFiles = new Option<string?>("--keep-files")
        {
            Description = "Generate into this folder and leave it (yesterday.ledger, night.json): `bench night-child` can then run the same night again",
        };
        var command = new Command("nightly",
            "The night in a child process on a large synthetic shop: its peak working set and time, on twice the history, and DuckDB computing the same figures")
        {
            orders, customers, seed, years, runs, noDoubling, fromStorage, storageOrders, concurrency, keep, inProcess, keepFiles,
        };
        // In memory unless --from-storage: ./run.sh starts no Azurite for the default run.
        command.SetAction(parse => parse.GetValue(fromStorage), async (parse, context, cancellationToken) =>
        {
            var options = new NightlyBenchOptions(parse.GetValue(orders), parse.GetValue(customers), parse.GetValue(seed), parse.GetValue(years),
                parse.GetValue(runs), !parse.GetValue(noDoubling), parse.GetValue(fromStorage), parse.GetValue(storageOrders), parse.GetValue(concurrency),
                parse.GetValue(keep));
            if (options.Orders is < 1 or > 10_000_000) throw new CliUsageException("--orders must be between 1 and 10,000,000");
            if (options.Customers < 1 || options.Customers > options.Orders) throw new CliUsageException("--customers must be between 1 and --orders");
            if (options.Years is < 1 or > 20) throw new CliUsageException("--years must be between 1 and 20");
            if (options.Runs is < 1 or > 50) throw new CliUsageException("--runs must be between 1 and 50");
            if (options.FromStorage && (options.StorageOrders < 1 || options.StorageOrders > options.Orders)) throw new CliUsageException("--storage-orders must be between 1 and --orders");
            if (options.Concurrency is < 1 or > 64) throw new CliUsageException("--concurrency must be between 1 and 64");
            if (!options.FromStorage && !parse.GetValue(inProcess))
            {
                var childPrinter = new NightlyBenchPrinter(Console.Out);
                var figures = await new NightlyChildBench(options, line => Console.Out.WriteLine(line), keepFiles: parse.GetValue(keepFiles)).RunAsync(cancellationToken);
                childPrinter.Write(figures);
                // A figure DuckDB computes differently fails the run: the bench's times mean nothing for wrong figures.
                return figures.DuckDb.AllEqual ? 0 : 1;
            }
            // Storage is reached before the minutes in memory, not after them: an unreachable account fails the run at once.
            var services = options.FromStorage ? await context.ServicesAsync(cancellationToken) : null;
            var printer = new NightlyBenchPrinter(Console.Out);
            printer.Write(await new NightlyBench(options, services, printer.Write).RunAsync(cancellationToken));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>retention bench night-child</c>, hidden: the night alone from the files <c>bench nightly</c> wrote, in a process of its own
    /// (<see cref="Bench.NightChild"/>); prints one line of figures for the parent.
    /// </summary>
    private static Command NightChild()
    {
        var ledger = new Option<string>("--ledger") { Description = "Yesterday's ledger file", Required = true };
        var night = new Option<string>("--night") { Description = "The shop and the day's changed orders (JSON)", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for today's ledger, the exports and the report", Required = true };
        var command = new Command("night-child", "One night from a ledger file and the day's changes, measured (started by bench nightly)")
        {
            ledger, night, output,
        };
        command.Hidden = true;
        command.SetAction(StorageNeed.Never, async (parse, _, cancellationToken) =>
        {
            var report = await Bench.NightChild.RunAsync(parse.GetValue(ledger)!, parse.GetValue(night)!, parse.GetValue(output)!, cancellationToken);
            Console.Out.WriteLine(report.ToLine());
            return 0;
        });
        return command;
    }
}
