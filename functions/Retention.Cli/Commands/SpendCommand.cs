using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Retention.Core.Spend;
using Retention.Pipeline.Audiences;
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
        var channel = new Option<string?>("--channel")
        {
            Description = "Acquisition channel as \"source / medium\" (e.g. \"google / cpc\"): acquisition spend for LTV:CAC, not retention spend",
        };
        var audience = new Option<string?>("--audience")
        {
            Description = "The audience the retention spend went to (e.g. win-back), for its measured ROI (docs/audiences.md)",
        };

        var add = new Command("add", "Add retention spend (or, with --channel, acquisition spend) to a month (each call is a new entry)")
        {
            shop, month, amount, note, channel, audience,
        };
        add.SetAction(async (parse, context, cancellationToken) =>
        {
            if (!RetentionSpendEntry.TryParseMonth(parse.GetValue(month), out var first))
                throw new CliUsageException($"--month must be a month as YYYY-MM, not '{parse.GetValue(month)}'");
            if (!decimal.TryParse(parse.GetValue(amount), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                throw new CliUsageException($"--amount must be a decimal amount such as 1200.00, not '{parse.GetValue(amount)}'");
            if (RetentionSpendEntry.ValidateAmount(value) is { } problem) throw new CliUsageException("--amount: " + problem);
            string? label = null;
            if (parse.GetValue(channel) is { } channelText)
            {
                (label, var channelProblem) = SpendChannel.Read(channelText);
                if (label is null) throw new CliUsageException($"--channel {channelProblem}, not '{channelText}'");
            }

            var audienceName = parse.GetValue(audience);
            if (audienceName is not null && label is not null)
                throw new CliUsageException("--audience is retention spend and --channel acquisition spend: give one of them");

            var services = await context.ServicesAsync(cancellationToken);
            var shopId = parse.GetValue(shop)!;
            var registered = await services.GetRequiredService<ShopDirectory>().FindAsync(shopId, cancellationToken)
                ?? throw new CliUsageException($"shop '{shopId}' is not registered (retention shops add)");
            if (audienceName is not null &&
                !(await services.GetRequiredService<AudienceTable>().ReadAsync(registered.Id, cancellationToken)).Any(a => a.Name == audienceName))
                throw new CliUsageException($"--audience: shop {registered.Id} has no audience '{audienceName}' (retention audiences list --shop {registered.Id})");
            var table = services.GetRequiredService<RetentionSpendTable>();
            await table.RecordAsync(new RetentionSpendEntry(registered.Id, first, value, "cli-" + Guid.NewGuid().ToString("N"), parse.GetValue(note), label,
                audienceName),
                cancellationToken);
            var totals = await table.ReadTotalsAsync(registered.Id, cancellationToken);
            var (what, total) = label is null
                ? ("retention spend", totals.Retention[first])
                : ($"spend on {label}", totals.Channels.Single(c => c.Channel == label && c.Month == first).Amount);
            Console.WriteLine($"recorded {value.ToString("N2", CultureInfo.InvariantCulture)} {registered.Currency} for {registered.Id} in " +
                              $"{RetentionSpendEntry.MonthText(first)}; the month's {what} is now {total.ToString("N2", CultureInfo.InvariantCulture)}");
            return 0;
        });

        var listShop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var list = new Command("list", "Each month's retention spend, then each month's acquisition spend per channel") { listShop };
        list.SetAction(async (parse, context, cancellationToken) =>
        {
            var services = await context.ServicesAsync(cancellationToken);
            var totals = await services.GetRequiredService<RetentionSpendTable>().ReadTotalsAsync(parse.GetValue(listShop)!, cancellationToken);
            foreach (var (first, total) in totals.Retention)
                Console.WriteLine($"{RetentionSpendEntry.MonthText(first)}  {total.ToString("N2", CultureInfo.InvariantCulture),14}");
            if (totals.Channels.Count > 0) Console.WriteLine("acquisition spend by channel:");
            foreach (var spent in totals.Channels.OrderBy(c => c.Month).ThenBy(c => c.Channel, StringComparer.Ordinal))
                Console.WriteLine($"{RetentionSpendEntry.MonthText(spent.Month)}  {spent.Amount.ToString("N2", CultureInfo.InvariantCulture),14}  {spent.Channel}");
            return 0;
        });

        return new Command("spend", "Record and list retention spend (the cost side of retention ROI) and acquisition spend per channel (LTV:CAC)")
        {
            add, list,
        };
    }
}
