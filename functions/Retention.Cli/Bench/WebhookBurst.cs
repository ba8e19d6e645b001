using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Retention.Cli.Demo;
using Retention.Core.Simulation;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>What a burst did: how many were answered how, how fast, and the acknowledgement latencies.</summary>
public sealed record BurstResult(int Sent, int Accepted, IReadOnlyDictionary<int, int> Refused, TimeSpan Elapsed, IReadOnlyList<double> LatencyMs)
{
    public double PerSecond => Sent / Math.Max(Elapsed.TotalSeconds, 0.001);
    public double Percentile(double p) => LatencyMs.Count == 0 ? 0 : LatencyMs[Math.Min(LatencyMs.Count - 1, (int)Math.Ceiling(p * LatencyMs.Count) - 1)];
}

/// <summary>What the store holds after the burst: the proof that nothing accepted was lost or counted twice.</summary>
/// <param name="Stored">order rows of the shop.</param>
/// <param name="Missing">accepted orders with no row (lost).</param>
/// <param name="Unexpected">rows of orders never sent (or sent and refused).</param>
/// <param name="RawEvents">archived raw events of the shop: one per accepted delivery.</param>
public sealed record BurstCheck(int Stored, int Missing, int Unexpected, int RawEvents)
{
    public bool NothingLostOrDoubled(int accepted) => Missing == 0 && Unexpected == 0 && Stored == accepted && RawEvents == accepted;
}

/// <summary>
/// A sale-day burst: distinct signed order webhooks (one per order) sent over real HTTP with bounded concurrency, each
/// acknowledgement timed; then the store is checked against what was accepted. <c>retention bench load</c> and the
/// test suite's smaller run both use it.
/// </summary>
public static class WebhookBurst
{
    public static IReadOnlyList<SyntheticDelivery> Orders(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 11, 28, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var id = "burst-" + i.ToString("D7", CultureInfo.InvariantCulture);
            var at = start.AddSeconds(random.Next(0, 86_400)).ToString("O", CultureInfo.InvariantCulture);
            var total = (5 + random.Next(0, 20_000) / 100m).ToString(CultureInfo.InvariantCulture);
            var body = Encoding.UTF8.GetBytes($$"""{"order_id":"{{id}}","customer":{"id":"c{{random.Next(0, Math.Max(1, count / 3))}}"},"ordered_at":"{{at}}","total":"{{total}}","status":"paid"}""");
            return new SyntheticDelivery("msg_" + id, id, body);
        })];
    }

    public static async Task<(BurstResult Result, IReadOnlySet<string> AcceptedOrders)> SendAsync(WebhookSender sender,
        IReadOnlyList<SyntheticDelivery> deliveries, int concurrency, CancellationToken cancellationToken)
    {
        var latencies = new double[deliveries.Count];
        var statuses = new int[deliveries.Count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, deliveries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await sender.PostAsync(deliveries[i], ct);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                statuses[i] = (int)response.StatusCode;
            });
        var elapsed = clock.Elapsed;
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var refused = new Dictionary<int, int>();
        for (var i = 0; i < deliveries.Count; i++)
        {
            if (statuses[i] == (int)HttpStatusCode.Accepted) accepted.Add(deliveries[i].OrderId);
            else refused[statuses[i]] = refused.GetValueOrDefault(statuses[i]) + 1;
        }
        Array.Sort(latencies);
        return (new BurstResult(deliveries.Count, accepted.Count, refused, elapsed, latencies), accepted);
    }

    public static async Task<BurstCheck> CheckAsync(OrderTable orders, RetentionStorage storage, string shopId, IReadOnlySet<string> accepted,
        CancellationToken cancellationToken)
    {
        var stored = (await orders.ReadShopAsync(shopId, cancellationToken)).Select(o => o.OrderId).ToList();
        var storedSet = stored.ToHashSet(StringComparer.Ordinal);
        var raw = (await new RawEventCatalog(storage).ListAsync(shopId, cancellationToken)).Count;
        return new BurstCheck(stored.Count, accepted.Count(id => !storedSet.Contains(id)), stored.Count(id => !accepted.Contains(id)), raw);
    }
}
