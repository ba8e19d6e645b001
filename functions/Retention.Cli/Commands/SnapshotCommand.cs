using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline.Snapshots;

namespace Retention.Cli.Commands;

public static class SnapshotCommand
{
    /// <summary>Ten years of days: a longer back-fill is almost certainly a typo in a year.</summary>
    private const int MaxBackfillDays = 3660;

    public static Command Create()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "The day to report on, YYYY-MM-DD, in the shop's time zone" };
        var from = new Option<string?>("--from") { Description = "Back-fill: the first day, YYYY-MM-DD" };
        var to = new Option<string?>("--to") { Description = "Back-fill: the last day, YYYY-MM-DD" };
        var command = new Command("snapshot", "Compute and store a shop's snapshot for one day (--as-of) or every day of a range (--from, --to), as the nightly job does")
            { shop, asOf, from, to };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var oneDay = parse.GetValue(asOf);
            var (first, last) = (parse.GetValue(from), parse.GetValue(to));
            if (oneDay is null == (first is null && last is null) || (first is null) != (last is null))
                throw new CliUsageException("give either --as-of D, or --from D1 and --to D2");

            var services = await context.ServicesAsync(cancellationToken);
            var snapshots = services.GetRequiredService<SnapshotService>();
            if (oneDay is not null)
            {
                var snapshot = await snapshots.ComputeAsync(parse.GetValue(shop)!, CliValues.Date(oneDay, "--as-of"), cancellationToken);
                SnapshotPrinter.Print(snapshot, Console.Out);
                return 0;
            }

            var (start, end) = (CliValues.Date(first, "--from"), CliValues.Date(last, "--to"));
            var days = end.DayNumber - start.DayNumber + 1;
            if (days < 1) throw new CliUsageException("--to must not be before --from");
            if (days > MaxBackfillDays) throw new CliUsageException($"a back-fill covers at most {MaxBackfillDays} days; split the range");
            var stored = await BackfillProgress.RunAsync(days, progress =>
                snapshots.ComputeRangeAsync(parse.GetValue(shop)!, start, end, progress, cancellationToken));
            Console.WriteLine($"stored {stored} daily snapshots of {parse.GetValue(shop)} from {start:yyyy-MM-dd} to {end:yyyy-MM-dd}");
            return 0;
        });
        return command;
    }
}
