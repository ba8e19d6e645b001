using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Retention.Cli.Demo;
using Retention.Cli.LocalHost;
using Retention.Cli.Settings;
using Retention.Core.Audiences.Delivery;
using Retention.Core.Products;
using Retention.Core.Simulation;
using Retention.Core.Spend;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Processing;
using Retention.Pipeline.Products;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Status;

namespace Retention.Cli.Commands;

/// <summary>
/// The main job end to end, as <c>./run.sh</c> runs it: local host up, demo shop registered, a synthetic
/// two-year history sent as signed webhooks over HTTP (shuffled, with redeliveries), queues drained, the
/// nightly snapshot requested through the same queue the timer uses, and the result printed.
/// </summary>
public static class DemoCommand
{
    public const string ShopId = "demo-shop";
    public static readonly DateOnly From = new(2024, 1, 1);
    public static readonly DateOnly To = new(2025, 12, 31);

    public static Command Create()
    {
        var customers = new Option<int>("--customers") { Description = "Customers in the synthetic history", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic history", DefaultValueFactory = _ => 20240101 };
        var concurrency = new Option<int>("--concurrency") { Description = "Webhooks in flight at once", DefaultValueFactory = _ => 8 };
        var exportTo = new Option<string?>("--export-to") { Description = "Also write the demo day's exports and HTML report into this folder (./run.sh uses .retention/demo)" };
        var command = new Command("demo", "Run the whole pipeline on a synthetic shop and print its nightly snapshot") { customers, seed, concurrency, exportTo };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            if (parse.GetValue(customers) is < 1 or > 1_000_000) throw new CliUsageException("--customers must be between 1 and 1,000,000");
            if (parse.GetValue(concurrency) is < 1 or > 1024) throw new CliUsageException("--concurrency must be between 1 and 1024");
            var clock = Stopwatch.StartNew();
            var telemetry = new DemoTelemetry();
            await using var host = LocalFunctionsHost.Create(context.Configuration,
                new LocalHostOptions(0, LocalHostOptions.DefaultHostJson, EnableTimer: false, LogLevel: LogLevel.Warning, Telemetry: telemetry.Exporters));
            await host.StartAsync(cancellationToken);
            Console.WriteLine($"local host listening on {host.BaseAddress}");

            var registrar = new ShopRegistrar(host.Services.GetRequiredService<ShopDirectory>(), context.SettingsFile, TimeProvider.System);
            // A 30 % control group, not the default 10 %: with 2,000 customers that leaves arms large enough to measure an uplift.
            var (_, credentials) = await registrar.RegisterAsync(ShopId, "Europe/Berlin", "EUR", null, cancellationToken,
                new Core.Metrics.RetentionSettings(ControlShare: 0.3m));
            await host.WaitForSecretAsync(ShopId, credentials.WebhookSecret, cancellationToken);
            Console.WriteLine($"registered {ShopId} (Europe/Berlin, EUR, 30 % of each audience held out as control); secrets in {context.SettingsFile.Path}");

            // The catalog as product webhooks would file it, and two channels' acquisition spend as `spend add --channel` records it.
            var catalog = host.Services.GetRequiredService<ProductCatalogTable>();
            foreach (var (id, title, category) in SyntheticBaskets.Products)
                await catalog.UpsertAsync(ShopId, new ProductChange(id, title, category, null, new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    false, "demo"), cancellationToken);
            var spend = host.Services.GetRequiredService<RetentionSpendTable>();
            for (var month = From; month <= To; month = month.AddMonths(1))
            {
                await spend.RecordAsync(new RetentionSpendEntry(ShopId, month, 2_400m, $"demo-google-{month:yyyy-MM}", null, "google / cpc"), cancellationToken);
                await spend.RecordAsync(new RetentionSpendEntry(ShopId, month, 1_300m, $"demo-facebook-{month:yyyy-MM}", null, "facebook / paid_social"),
                    cancellationToken);
            }
            Console.WriteLine($"filed {SyntheticBaskets.Products.Count} products in the catalog and {From:yyyy-MM} to {To:yyyy-MM} acquisition spend " +
                              "for google / cpc and facebook / paid_social");

            var history = SyntheticShopHistory.Generate(new SyntheticShopOptions(parse.GetValue(customers), From, To, parse.GetValue(seed)));
            var deliveries = DeliveryOrder(history, parse.GetValue(seed));
            Console.WriteLine($"generated {history.Count:N0} order events for {parse.GetValue(customers):N0} customers, {From:yyyy-MM-dd} to {To:yyyy-MM-dd}; " +
                              $"sending {deliveries.Count:N0} deliveries (shuffled, {deliveries.Count - history.Count:N0} redelivered)");

            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var sender = new WebhookSender(http, ShopId, credentials.WebhookSecret, TimeProvider.System);
            var report = await sender.SendAsync(deliveries, parse.GetValue(concurrency), null, cancellationToken);
            Console.WriteLine($"sent {report.Sent:N0}: {report.Accepted:N0} accepted (202), " +
                              $"refused {report.Refused.Values.Sum():N0}, retried after 503 {report.Retried:N0}  [{clock.Elapsed.TotalSeconds:F1}s]");

            var answers = SyntheticFeedback.Generate(new SyntheticShopOptions(parse.GetValue(customers), From, To, parse.GetValue(seed)));
            var feedback = await new WebhookSender(http, ShopId, credentials.WebhookSecret, TimeProvider.System, "feedback")
                .SendAsync(answers, parse.GetValue(concurrency), null, cancellationToken);
            Console.WriteLine($"sent {feedback.Sent:N0} survey answers (NPS and CSAT): {feedback.Accepted:N0} accepted, refused {feedback.Refused.Values.Sum():N0}");

            await host.WaitForQueuesToDrainAsync(TimeSpan.FromMinutes(5), cancellationToken);
            Console.WriteLine($"queue drained: {host.Services.GetRequiredService<OrderEventsDispatch>().EventsProcessed:N0} events processed " +
                              $"({host.OrderEvents.Completed:N0} messages: deliveries acknowledged together share one), {host.OrderEvents.Poisoned:N0} poisoned  " +
                              $"[{clock.Elapsed.TotalSeconds:F1}s]");

            // A night three months earlier first, so tonight's audiences have a night before (entered and left) and an entry
            // cohort old enough (90 days) to measure its uplift. One night, not one a month: a night of the demo costs ~15 s here.
            var earlier = To.AddMonths(-3);
            // Audiences start afresh with the demo, so a rerun never reads stays, or sends to receivers, an earlier demo left.
            await host.Services.GetRequiredService<AudienceStayStore>().RemoveShopAsync(ShopId, cancellationToken);
            await host.Services.GetRequiredService<AudienceSubscriptionTable>().RemoveShopAsync(ShopId, cancellationToken);
            await host.Services.GetRequiredService<AudienceDeliveryTable>().RemoveShopAsync(ShopId, cancellationToken);
            var subscription = new AudienceSubscription(ShopId, AudienceSubscription.NewId(), new Uri("http://127.0.0.1/"), [], false, DateTimeOffset.UtcNow);
            var subscriptionSecret = AudienceSubscriptionSecret.Derive(credentials.WebhookSecret, subscription.Id);
            await using var receiver = await DemoWebhookReceiver.StartAsync(() => subscriptionSecret, cancellationToken);
            await host.Services.GetRequiredService<AudienceSubscriptionTable>().SaveAsync(subscription with { Url = receiver.Url }, cancellationToken);
            Console.WriteLine($"subscribed a local receiver to every audience ({receiver.Url}): it verifies each webhook's signature");
            await host.Services.GetRequiredService<SnapshotService>().ComputeAsync(ShopId, earlier, cancellationToken);
            Console.WriteLine($"an earlier night computed ({earlier:yyyy-MM-dd}), the audiences' first  [{clock.Elapsed.TotalSeconds:F1}s]");
            await host.Services.GetRequiredService<NightlySnapshotScheduler>().RequestAllAsync(cancellationToken, asOf: To);
            await host.WaitForQueuesToDrainAsync(TimeSpan.FromMinutes(5), cancellationToken);
            var snapshot = await host.Services.GetRequiredService<SnapshotTable>().FindAsync(ShopId, To, cancellationToken)
                ?? throw new InvalidOperationException("the nightly snapshot was requested but not written; see the log above");
            Console.WriteLine($"nightly snapshot computed from the snapshot-requests queue  [{clock.Elapsed.TotalSeconds:F1}s]");
            await WaitForDeliveriesAsync(host, cancellationToken);
            Console.WriteLine();
            // The stored summary row, with the retention details recomputed from the same rows for printing.
            var details = await host.Services.GetRequiredService<SnapshotService>().CalculateAsync(ShopId, To, cancellationToken);
            SnapshotPrinter.Print(details with { Headline = snapshot }, Console.Out);
            Console.WriteLine();
            PrintDelivered(receiver, To);
            Console.WriteLine();
            Console.WriteLine("what the on-call engineer sees (retention status --shop demo-shop; alerts and runbook: docs/operations.md):");
            var status = await host.Services.GetRequiredService<PipelineStatusReader>().ReadAsync([ShopId], cancellationToken);
            using (var indented = new StringWriter())
            {
                StatusPrinter.Print(status, indented);
                foreach (var line in indented.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) Console.WriteLine("  " + line.TrimEnd('\r'));
            }
            telemetry.Print(ShopId, Console.Out);
            Console.WriteLine();
            await DemoReportLocations.PrintAsync(host, http, details with { Headline = snapshot }, parse.GetValue(exportTo), Console.Out, cancellationToken);
            await host.StopAsync(CancellationToken.None);
            return report.Refused.Count == 0 && feedback.Refused.Count == 0 && host.OrderEvents.Poisoned == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Waits until the outbox has nothing pending (the receiver answers at once, so that is seconds).</summary>
    private static async Task WaitForDeliveriesAsync(LocalFunctionsHost host, CancellationToken cancellationToken)
    {
        var outbox = host.Services.GetRequiredService<AudienceDeliveryTable>();
        for (var i = 0; i < 240 && (await outbox.ReadAsync(ShopId, AudienceDeliveryStatus.Pending, cancellationToken)).Count > 0; i++)
            await Task.Delay(250, cancellationToken);
    }

    private static void PrintDelivered(DemoWebhookReceiver receiver, DateOnly night)
    {
        var got = receiver.Night(night);
        Console.WriteLine($"Audience webhooks the local receiver verified for {night:yyyy-MM-dd} (treated members only; {receiver.Refused} refused)");
        foreach (var (audience, (entered, left, webhooks)) in got.OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {audience,-22} delivered +{entered:N0} entered, -{left:N0} left in {webhooks} webhook{(webhooks == 1 ? "" : "s")}");
        if (got.Count == 0) Console.WriteLine("  nothing: no audience changed, or the deliveries did not finish within a minute (audiences deliveries list)");
        Console.WriteLine();
    }

    /// <summary>
    /// Platforms deliver out of order and more than once; so does the demo. A seeded shuffle puts some
    /// updates before their creations, and every 50th delivery is sent twice.
    /// </summary>
    private static List<SyntheticDelivery> DeliveryOrder(IReadOnlyList<SyntheticDelivery> history, int seed)
    {
        var deliveries = history.Concat(history.Where((_, i) => i % 50 == 0)).ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deliveries));
        return deliveries;
    }
}
