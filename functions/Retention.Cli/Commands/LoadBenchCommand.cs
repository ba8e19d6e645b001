using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Retention.Cli.Bench;
using Retention.Cli.Demo;
using Retention.Cli.LocalHost;
using Retention.Cli.Settings;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention bench load</c>: a sale-day burst of signed webhooks into the local host over HTTP, the store checked
/// against every acknowledgement, and the same run's raw storage rates beside it (<c>docs/benchmarks.md</c>).
/// </summary>
public static class LoadBenchCommand
{
    public const string ShopId = BenchShopCleanup.Prefix + "load";

    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Order webhooks in the burst", DefaultValueFactory = _ => 100_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 64 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated orders", DefaultValueFactory = _ => 20251128 };
        var keep = new Option<bool>("--keep") { Description = "Keep the bench shop's orders afterwards (default: removed)" };
        var command = new Command("load", "Send a burst of signed webhooks to the local host, check nothing was lost or doubled, print throughput and latency")
            { events, concurrency, seed, keep };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var count = parse.GetValue(events);
            var inFlight = parse.GetValue(concurrency);
            if (count is < 1 or > 10_000_000) throw new CliUsageException("--events must be between 1 and 10,000,000");
            if (inFlight is < 1 or > 1024) throw new CliUsageException("--concurrency must be between 1 and 1024");
            var c = CultureInfo.InvariantCulture;
            string N(double v) => v.ToString("N0", c);

            await using var host = LocalFunctionsHost.Create(context.Configuration,
                new LocalHostOptions(0, LocalHostOptions.DefaultHostJson, EnableTimer: false, LogLevel: LogLevel.Warning));
            await host.StartAsync(cancellationToken);
            var storage = host.Services.GetRequiredService<RetentionStorage>();
            var deliveries = WebhookBurst.Orders(count, parse.GetValue(seed));
            try
            {
                var registrar = new ShopRegistrar(host.Services.GetRequiredService<ShopDirectory>(), context.SettingsFile, TimeProvider.System);
                var (_, credentials) = await registrar.RegisterAsync(ShopId, "Europe/Berlin", "EUR", null, cancellationToken);
                await host.WaitForSecretAsync(ShopId, credentials.WebhookSecret, cancellationToken);
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = inFlight })
                    { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                var sender = new WebhookSender(http, ShopId, credentials.WebhookSecret, TimeProvider.System);

                // The same requests refused at the signature: HTTP, the shop lookup and the HMAC check, no storage write. What
                // this machine takes for that alone, with the sender and the host on the same cores, bounds the real burst.
                // A first, unmeasured thousand warms the code paths up, as a host that has been running is.
                var refusedCount = Math.Min(count, 10_000);
                Console.WriteLine($"floor: {N(refusedCount)} of the same webhooks signed with a wrong secret (401), {inFlight} in flight ...");
                var wronglySigned = new WebhookSender(http, ShopId, "whsec_" + Convert.ToBase64String(new byte[32]), TimeProvider.System);
                await WebhookBurst.SendAsync(wronglySigned, deliveries.Take(Math.Min(count, 1_000)).ToList(), inFlight, cancellationToken);
                var (refusedBurst, _) = await WebhookBurst.SendAsync(wronglySigned, deliveries.Take(refusedCount).ToList(), inFlight, cancellationToken);
                if (refusedBurst.Refused.GetValueOrDefault(401) != refusedCount)
                    throw new InvalidOperationException($"the wrongly signed burst was not all refused with 401: {string.Join(", ", refusedBurst.Refused)}");

                Console.WriteLine($"burst: {N(count)} order webhooks to {host.BaseAddress}, {inFlight} in flight ...");
                using var requests = new StorageRequestCount(storage);
                var endToEnd = Stopwatch.StartNew();
                var (burst, accepted) = await WebhookBurst.SendAsync(sender, deliveries, inFlight, cancellationToken);
                Console.WriteLine($"  answered in {burst.Elapsed.TotalSeconds.ToString("F1", c)} s; waiting for the queue to drain ...");
                await host.WaitForQueuesToDrainAsync(TimeSpan.FromMinutes(60), cancellationToken);
                var drained = endToEnd.Elapsed;
                var requestsPerOrder = requests.Snapshot().ToDictionary(r => r.Key, r => r.Value / (double)Math.Max(burst.Accepted, 1));
                var check = await WebhookBurst.CheckAsync(host.Services.GetRequiredService<OrderTable>(), storage, ShopId, accepted, cancellationToken);
                var messages = host.OrderEvents.Completed;

                // After the burst, not before: deleting the scratch queue of thousands of messages keeps the emulator's queue
                // service busy for a minute, which would slow the burst it is compared with.
                // As many upserts as the burst stored orders, spread over as many partitions: the emulator's cost per row grows
                // with the rows of a partition, so a shorter run would compare the burst with an emptier table than it filled.
                var rawCount = Math.Min(count, 5_000);
                Console.WriteLine($"raw storage: {N(rawCount)} blob puts and queue puts, {N(count)} table upserts, {inFlight} in flight ...");
                var raw = await RawStorageRates.MeasureAsync(storage, rawCount, count, inFlight, cancellationToken);

                var throughput = burst.Accepted / Math.Max(drained.TotalSeconds, 0.001);
                Console.WriteLine();
                Console.WriteLine($"bench load: {N(count)} order webhooks, {inFlight} in flight, {Environment.ProcessorCount} cores");
                Console.WriteLine($"  {"figure",-44}{"value",14}   target");
                Console.WriteLine($"  {"accepted (202) / refused",-44}{N(burst.Accepted) + " / " + N(burst.Refused.Values.Sum()),14}   {string.Join(", ", burst.Refused.Select(r => $"{r.Key}: {N(r.Value)}"))}");
                Console.WriteLine($"  {"stored / lost / unexpected / raw events",-44}{$"{N(check.Stored)} / {N(check.Missing)} / {N(check.Unexpected)} / {N(check.RawEvents)}",14}   " +
                                  $"nothing lost or doubled: {(check.NothingLostOrDoubled(burst.Accepted) ? "yes" : "NO")}; poisoned {N(host.OrderEvents.Poisoned)}");
                Console.WriteLine($"  {"acknowledgements per second",-44}{N(burst.PerSecond),14}");
                Console.WriteLine($"  {"acknowledgement p50 / p99 / max",-44}{$"{burst.Percentile(0.50):F1} / {burst.Percentile(0.99):F1} / {burst.LatencyMs[^1]:F0} ms",14}   p99 < 20 ms: {(burst.Percentile(0.99) < 20 ? "met" : "MISSED")}");
                Console.WriteLine($"  {"refused at the signature: per second, p50 / p99",-44}{$"{N(refusedBurst.PerSecond)}, {refusedBurst.Percentile(0.50):F1} / {refusedBurst.Percentile(0.99):F1} ms",14}   " +
                                  "HTTP and the HMAC check alone, nothing stored: the floor on this machine");
                Console.WriteLine($"  {"end to end (first send to queue drained)",-44}{N(throughput) + " /s",14}   {drained.TotalSeconds.ToString("F1", c)} s");
                Console.WriteLine($"  {"mean acknowledgement / deliveries per batch",-44}{$"{burst.LatencyMs.Average():F1} ms / {burst.Accepted / (double)Math.Max(messages, 1):F1}",14}   " +
                                  $"{N(messages)} intake batches (queue messages), each one blob and one message");
                Console.WriteLine($"  {"one blob put + one queue put, alone: p50 / p99",-44}{$"{raw.WritePairPercentile(0.5):F1} / {raw.WritePairPercentile(0.99):F1} ms",14}   " +
                                  "the least an acknowledgement can take: its batch's two writes");
                Console.WriteLine($"  {"raw blob put / queue put",-44}{$"{N(raw.BlobPutsPerSecond)} / {N(raw.QueuePutsPerSecond)} /s",14}   same run, {N(rawCount)} each");
                Console.WriteLine($"  {"raw table upsert: all / the first " + N(rawCount),-44}{$"{N(raw.TableUpsertsPerSecond)} / {N(raw.FirstTableUpsertsPerSecond)} /s",14}   " +
                                  $"same run, {N(count)} rows over 16 partitions as the burst stored");
                Console.WriteLine($"  {"storage requests per order: blob/queue/table",-44}{$"{requestsPerOrder["blob"]:F2} / {requestsPerOrder["queue"]:F2} / {requestsPerOrder["table"]:F2}",14}   " +
                                  $"{requestsPerOrder.Values.Sum():F1} in all, ingest and processing, polls included");
                Console.WriteLine($"  {"end to end / raw table upsert (all)",-44}{(throughput / raw.TableUpsertsPerSecond).ToString("P0", c),14}   >= 50 %: {(throughput >= raw.TableUpsertsPerSecond / 2 ? "met" : "MISSED")}; " +
                                  $"against the first {N(rawCount)} alone {(throughput / raw.FirstTableUpsertsPerSecond).ToString("P0", c)}");
                return check.NothingLostOrDoubled(burst.Accepted) && host.OrderEvents.Poisoned == 0 ? 0 : 1;
            }
            finally
            {
                if (!parse.GetValue(keep))
                {
                    try
                    {
                        // Four transactions at a time: 64 of a hundred deletes each outlast the emulator's request timeout on a large table.
                        await new BenchShopCleanup(storage).EraseAsync(ShopId, deliveries.Select(d => d.OrderId), Math.Min(inFlight, 4), CancellationToken.None);
                    }
                    catch (Exception e) when (StorageFailure.IsUnavailable(e, CancellationToken.None))
                    {
                        Console.Error.WriteLine($"bench: {ShopId} was not removed ({e.Message.Split('\n')[0]}); remove it by hand if the storage is kept");
                    }
                }
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }
}
