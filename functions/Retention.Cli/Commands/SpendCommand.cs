using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Retention.Core.Spend;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Spend;

namespace Retention.Cli.Commands;

public static class SpendCommand
{
    public static Command Create()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var month = new Option<string>("--month") { Description = "The month, YYYY-MM", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount in the shop's currency, e.g. 1200.00", Required = true };
        var note = new Option<string?>("--note") { Description = "What the money went to" };

        var add = new Command("add", "Add retention spend to a month (each call is a new entry)") { shop, month, amount, note };
        add.SetAction(async (parse, context, cancellationToken) =>
        {
            if (!RetentionSpendEntry.TryParseMonth(parse.GetValue(month), out var first))
                throw new CliUsageException($"--month must be a month as YYYY-MM, not '{parse.GetValue(month)}'");
            if (!decimal.TryParse(parse.GetValue(amount), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                throw new CliUsageException($"--amount must be a decimal amount such as 1200.00, not '{parse.GetValue(amount)}'");
            if (RetentionSpendEntry.ValidateAmount(value) is { } problem) throw new CliUsageException("--amount: " + problem);

            var services = await context.ServicesAsync(cancellationToken);
            var shopId = parse.GetValue(shop)!;
            var registered = await services.GetRequiredService<ShopDirectory>().FindAsync(shopId, cancellationToken)
                ?? throw new CliUsageException($"shop '{shopId}' is not registered (retention shops add)");
            var table = services.GetRequiredService<RetentionSpendTable>();
            await table.RecordAsync(new RetentionSpendEntry(registered.Id, first, value, "cli-" + Guid.NewGuid().ToString("N"), parse.GetValue(note)),
                cancellationToken);
            var total = (await table.MonthlyTotalsAsync(registered.Id, cancellationToken))[first];
            Console.WriteLine($"recorded {value.ToString("N2", CultureInfo.InvariantCulture)} {registered.Currency} for {registered.Id} in " +
                              $"{RetentionSpendEntry.MonthText(first)}; the month's spend is now {total.ToString("N2", CultureInfo.InvariantCulture)}");
            return 0;
        });

        var listShop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var list = new Command("list", "Each month's retention spend") { listShop };
        list.SetAction(async (parse, context, cancellationToken) =>
        {
            var services = await context.ServicesAsync(cancellationToken);
            foreach (var (first, total) in await services.GetRequiredService<RetentionSpendTable>().MonthlyTotalsAsync(parse.GetValue(listShop)!, cancellationToken))
                Console.WriteLine($"{RetentionSpendEntry.MonthText(first)}  {total.ToString("N2", CultureInfo.InvariantCulture),14}");
            return 0;
        });

        return new Command("spend", "Record and list retention spend (the cost side of retention ROI)") { add, list };
    }
}
