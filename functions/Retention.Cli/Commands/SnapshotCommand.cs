using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline.Snapshots;

namespace Retention.Cli.Commands;

public static class SnapshotCommand
{
    public static Command Create()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var asOf = new Option<string>("--as-of") { Description = "The day to report on, YYYY-MM-DD, in the shop's time zone", Required = true };
        var command = new Command("snapshot", "Compute and store a shop's snapshot for one day, as the nightly job does") { shop, asOf };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var day = CliValues.Date(parse.GetValue(asOf), "--as-of");
            var services = await context.ServicesAsync(cancellationToken);
            var snapshot = await services.GetRequiredService<ShopSnapshotService>().ComputeAsync(parse.GetValue(shop)!, day, cancellationToken);
            SnapshotPrinter.Print(snapshot, Console.Out);
            return 0;
        });
        return command;
    }
}
