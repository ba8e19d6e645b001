using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Core.Audiences.Delivery;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Shops;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention audiences subscribe|subscriptions|unsubscribe</c> and <c>audiences deliveries list|replay</c>: the shop's
/// endpoints for the nightly audience webhooks and their outbox (<c>docs/audiences.md</c>, "Delivery").
/// </summary>
public static class AudienceDeliveryCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Subscribe();
        yield return Subscriptions();
        yield return Unsubscribe();
        yield return Deliveries();
    }

    private static Command Subscribe()
    {
        var shop = ShopOption();
        var url = new Option<string>("--url") { Description = "The endpoint: https, or http to 127.0.0.1 / localhost for a receiver on this machine", Required = true };
        var audience = new Option<string[]>("--audience") { Description = "An audience it receives, repeated for more (default: every audience of the shop)" };
        var control = new Option<bool>("--include-control")
        {
            Description = "Deliver the control members too, flagged \"control\": true, for a tool that suppresses them itself",
        };
        var command = new Command("subscribe", "Send each night's entered and left members to an endpoint as signed webhooks; prints its secret once")
        {
            shop, url, audience, control,
        };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var (endpoint, problem) = AudienceSubscription.ReadUrl(parse.GetValue(url));
            if (endpoint is null) throw new CliUsageException(problem!);
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await AudiencesCommand.RegisteredAsync(services, parse.GetValue(shop)!, cancellationToken);
            var credentials = services.GetRequiredService<ShopCredentialStore>().Find(shopId)
                ?? throw new CliUsageException($"shop {shopId} has no webhook secret in {context.SettingsFile.Path} (retention shops add)");
            var known = (await services.GetRequiredService<AudienceTable>().ReadAsync(shopId, cancellationToken)).Select(a => a.Name).ToHashSet();
            var named = (parse.GetValue(audience) ?? []).Distinct().ToList();
            if (named.FirstOrDefault(n => !known.Contains(n)) is { } unknown)
                throw new CliUsageException($"--audience: shop {shopId} has no audience '{unknown}' (retention audiences list --shop {shopId})");

            var subscription = new AudienceSubscription(shopId, AudienceSubscription.NewId(), endpoint, named, parse.GetValue(control), DateTimeOffset.UtcNow);
            await services.GetRequiredService<AudienceSubscriptionTable>().SaveAsync(subscription, cancellationToken);
            Console.WriteLine($"subscription {subscription.Id} of {shopId}: {endpoint} receives {(named.Count == 0 ? "every audience" : string.Join(", ", named))}" +
                              (subscription.IncludeControl ? ", control members flagged" : ", treated members only") + ", from the next night on");
            Console.WriteLine($"secret (shown once; verify webhook-signature with it): {AudienceSubscriptionSecret.Derive(credentials.WebhookSecret, subscription.Id)}");
            return 0;
        });
        return command;
    }

    private static Command Subscriptions()
    {
        var shop = ShopOption();
        var command = new Command("subscriptions", "The shop's audience webhook endpoints, active and cancelled") { shop };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await AudiencesCommand.RegisteredAsync(services, parse.GetValue(shop)!, cancellationToken);
            foreach (var s in await services.GetRequiredService<AudienceSubscriptionTable>().ReadAsync(shopId, cancellationToken))
                Console.WriteLine($"{s.Id}  {(s.Active ? "active" : "cancelled: " + s.CancelledBecause)}  {s.Url}  " +
                                  $"{(s.Audiences.Count == 0 ? "every audience" : string.Join(",", s.Audiences))}{(s.IncludeControl ? " +control" : "")}");
            return 0;
        });
        return command;
    }

    private static Command Unsubscribe()
    {
        var shop = ShopOption();
        var id = new Option<string>("--id") { Description = "The subscription's id (sub_…)", Required = true };
        var command = new Command("unsubscribe", "Cancel an endpoint: nothing more is sent to it, deliveries not yet sent are cancelled") { shop, id };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await AudiencesCommand.RegisteredAsync(services, parse.GetValue(shop)!, cancellationToken);
            if (!await services.GetRequiredService<AudienceSubscriptionTable>().CancelAsync(shopId, parse.GetValue(id)!, "unsubscribed", cancellationToken))
                throw new CliUsageException($"shop {shopId} has no active subscription '{parse.GetValue(id)}' (retention audiences subscriptions --shop {shopId})");
            Console.WriteLine($"subscription {parse.GetValue(id)} of {shopId} cancelled");
            return 0;
        });
        return command;
    }

    private static Command Deliveries()
    {
        var listShop = ShopOption();
        var status = new Option<string?>("--status") { Description = "Only deliveries in this state: pending, delivered, dead (the dead letters) or cancelled" };
        var list = new Command("list", "The outbox: each webhook's night, audience, changes, state, attempts and last result") { listShop, status };
        list.SetAction(async (parse, context, cancellationToken) =>
        {
            var wanted = parse.GetValue(status);
            if (wanted is not (null or AudienceDeliveryStatus.Pending or AudienceDeliveryStatus.Delivered or AudienceDeliveryStatus.Dead
                or AudienceDeliveryStatus.Cancelled))
                throw new CliUsageException($"--status must be pending, delivered, dead or cancelled, not '{wanted}'");
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await AudiencesCommand.RegisteredAsync(services, parse.GetValue(listShop)!, cancellationToken);
            foreach (var (r, _) in await services.GetRequiredService<AudienceDeliveryTable>().ReadAsync(shopId, wanted, cancellationToken))
                Console.WriteLine($"{r.Delivery.Id}  {r.Delivery.Night:yyyy-MM-dd}  {r.Delivery.Audience,-22} batch {r.Delivery.Batch}/{r.Delivery.Batches}  " +
                                  $"+{r.Delivery.Entered} -{r.Delivery.Left}  {r.Status,-9}  {r.Attempts} attempts  {r.Delivery.SubscriptionId}  {r.LastResult}");
            return 0;
        });

        var replayShop = ShopOption();
        var ids = new Option<string[]>("--id") { Description = "A dead letter to send again (msg_…), repeated for more" };
        var all = new Option<bool>("--all") { Description = "Send every dead letter of the shop again" };
        var replay = new Command("replay", "Send dead letters again, once the receiver is fixed") { replayShop, ids, all };
        replay.SetAction(async (parse, context, cancellationToken) =>
        {
            var chosen = parse.GetValue(ids) ?? [];
            if (chosen.Length == 0 == !parse.GetValue(all)) throw new CliUsageException("give --id (one or more dead letters) or --all");
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await AudiencesCommand.RegisteredAsync(services, parse.GetValue(replayShop)!, cancellationToken);
            var replayed = await services.GetRequiredService<AudienceDeliveryService>().ReplayAsync(shopId, chosen, cancellationToken);
            if (chosen.Length > 0 && replayed < chosen.Length)
                throw new CliUsageException($"{chosen.Length - replayed} of the --id given are not dead letters of {shopId} (retention audiences deliveries list --shop {shopId} --status dead)");
            Console.WriteLine($"replayed {replayed} dead letter{(replayed == 1 ? "" : "s")} of {shopId}: queued for delivery (the host's audience-deliveries trigger sends them)");
            return 0;
        });

        return new Command("deliveries", "The audience webhooks' outbox and dead letters") { list, replay };
    }

    private static Option<string> ShopOption() => new("--shop") { Description = "Shop id", Required = true };
}
