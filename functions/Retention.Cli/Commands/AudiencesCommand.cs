using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Core.Audiences;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Shops;

namespace Retention.Cli.Commands;

/// <summary><c>retention audiences add|list|remove</c>: a shop's own audiences beside the five built-in ones (<c>docs/audiences.md</c>).</summary>
public static class AudiencesCommand
{
    public static Command Create()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var name = new Option<string>("--name") { Description = "The audience's name: lowercase letters, digits and hyphens", Required = true };
        var where = new Option<string[]>("--where")
        {
            Description = "A condition, repeated for more (all must hold): field=value[,value], field!=value, field>=n, field<n, field=min..max. " +
                          $"Fields: {string.Join(", ", AudienceField.All.Select(f => f.Name))}",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };

        var add = new Command("add", "Add (or replace) one of the shop's own audiences; its members are computed from the next night on") { shop, name, where };
        add.SetAction(async (parse, context, cancellationToken) =>
        {
            var (audience, problem) = AudienceDefinition.Custom(parse.GetValue(name)!, parse.GetValue(where) ?? []);
            if (audience is null) throw new CliUsageException(problem!);
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await RegisteredAsync(services, parse.GetValue(shop)!, cancellationToken);
            await services.GetRequiredService<AudienceTable>().SaveAsync(shopId, audience, cancellationToken);
            Console.WriteLine($"audience {audience.Name} of {shopId}: {audience.Rule}");
            return 0;
        });

        var listShop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var list = new Command("list", "The shop's audiences, built-in and its own, with their rules and last night's members") { listShop };
        list.SetAction(async (parse, context, cancellationToken) =>
        {
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await RegisteredAsync(services, parse.GetValue(listShop)!, cancellationToken);
            var audiences = await services.GetRequiredService<AudienceTable>().ReadAsync(shopId, cancellationToken);
            var stays = await services.GetRequiredService<AudienceStayStore>().ReadBeforeAsync(shopId, DateOnly.MaxValue, cancellationToken);
            var members = stays.Where(s => s.IsOpen).GroupBy(s => s.Audience).ToDictionary(g => g.Key, g => g.Count());
            foreach (var audience in audiences)
                Console.WriteLine($"{audience.Name,-24} {(audience.BuiltIn ? "built-in" : "own"),-8} {members.GetValueOrDefault(audience.Name),8:N0} members  {audience.Rule}");
            return 0;
        });

        var removeShop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var removeName = new Option<string>("--name") { Description = "The audience's name", Required = true };
        var remove = new Command("remove", "Remove one of the shop's own audiences (the built-in ones stay)") { removeShop, removeName };
        remove.SetAction(async (parse, context, cancellationToken) =>
        {
            var audienceName = parse.GetValue(removeName)!;
            if (BuiltInAudiences.All.Any(a => a.Name == audienceName)) throw new CliUsageException($"'{audienceName}' is built in: it cannot be removed");
            if (AudienceDefinition.NameProblem(audienceName) is { } problem) throw new CliUsageException(problem);
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await RegisteredAsync(services, parse.GetValue(removeShop)!, cancellationToken);
            if (!await services.GetRequiredService<AudienceTable>().RemoveAsync(shopId, audienceName, cancellationToken))
                throw new CliUsageException($"shop {shopId} has no audience '{audienceName}' (retention audiences list --shop {shopId})");
            Console.WriteLine($"removed audience {audienceName} of {shopId}");
            return 0;
        });

        var audiences = new Command("audiences", "The audiences each night computes (win-back, about-to-lapse, vip, ...), the shop's own, and their webhooks")
        {
            add, list, remove,
        };
        foreach (var command in AudienceDeliveryCommands.Create()) audiences.Subcommands.Add(command);
        return audiences;
    }

    internal static async Task<string> RegisteredAsync(IServiceProvider services, string shopId, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<ShopDirectory>().FindAsync(shopId, cancellationToken)
         ?? throw new CliUsageException($"shop '{shopId}' is not registered (retention shops add)")).Id;
}
