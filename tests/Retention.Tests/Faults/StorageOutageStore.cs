using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Simulation;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Generic;

namespace Retention.Tests.Faults;

/// <summary>
/// The storage-outage tests' pipeline, and their check of what it stored once storage is back: each delivery's order
/// stored once as its body says, one archived event per delivery, nothing parked in a poison queue.
/// </summary>
public static class StorageOutageStore
{
    public const string Currency = "EUR";

    /// <summary>
    /// The local host on an Azurite that keeps its data on disk across a stop. It records the queue listeners' logs (the
    /// proof that an outage reached them too) and writes only errors to the console: every 503 and failed poll is a warning.
    /// Its lease is 4 seconds: a handler the outage interrupts cannot release its message either, which then comes back
    /// when the lease ends (ten minutes by default, as in Azure).
    /// </summary>
    public static PipelineHost Pipeline() => new(persistentStorage: true, recordedLogCategory: "Queue.", LogLevel.Error, queueLease: TimeSpan.FromSeconds(4));

    /// <summary>
    /// Whether the outage has reached each queue listener: it logged a poll that storage did not answer, or (a listener
    /// whose handlers are all busy does not poll) its handlers are waiting for storage to come back.
    /// </summary>
    public static bool OutageReachedListeners(PipelineHost pipeline) =>
        new[] { pipeline.Host.OrderEvents, pipeline.Host.SnapshotRequests }.All(listener =>
            listener.InFlight > 0 || pipeline.Logs.Entries.Any(e =>
                e.Category == "Queue." + listener.QueueName && e.Message.Contains("cannot be read", StringComparison.Ordinal)));

    /// <summary>The order the delivery's body describes, as the processor must store it.</summary>
    public static NormalizedOrder Expected(string shop, ShopCredentials credentials, SyntheticDelivery delivery) =>
        GenericOrderNormalizer.Normalize(delivery.Body, new ShopContext(shop, Currency, credentials.CustomerIdSalt), delivery.EventId).Order
        ?? throw new InvalidOperationException($"{delivery.EventId} does not normalize");

    /// <summary>
    /// One order row per delivery's order and no other row, each as its delivery says; one archived event per delivery id
    /// and no other; both poison queues empty.
    /// </summary>
    public static async Task AssertStoredOnceAsync(PipelineHost pipeline, string shop, ShopCredentials credentials,
        IReadOnlyList<SyntheticDelivery> deliveries, CancellationToken ct)
    {
        var stored = await pipeline.Service<OrderTable>().ReadShopAsync(shop, ct);
        Assert.Equal(deliveries.Select(d => d.OrderId).Order(StringComparer.Ordinal), stored.Select(o => o.OrderId));
        var expected = deliveries.ToDictionary(d => d.OrderId, d => Content(Expected(shop, credentials, d)));
        Assert.All(stored, order => Assert.Equal(expected[order.OrderId], Content(order)));

        var archived = await RawEventsAsync(pipeline, shop, ct);
        var blobNames = deliveries.ToDictionary(d => d.EventId, d => RawEventArchive.BlobName(shop, GenericOrderNormalizer.EventKind, d.EventId));
        Assert.Equal(blobNames.Values.Order(StringComparer.Ordinal), archived.Keys.Order(StringComparer.Ordinal));
        Assert.All(blobNames, blob => Assert.Equal(blob.Key, archived[blob.Value]["webhookid"]));

        foreach (var queue in StorageNames.PoisonQueues)
            Assert.Equal(0, (await pipeline.Storage.Queue(queue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);
        Assert.Equal(0, pipeline.Host.OrderEvents.Poisoned);
        Assert.Equal(0, pipeline.Host.SnapshotRequests.Poisoned);
    }

    /// <summary>The shop's archived events, batched or not: raw event name → metadata.</summary>
    public static async Task<Dictionary<string, IReadOnlyDictionary<string, string>>> RawEventsAsync(PipelineHost pipeline, string shop, CancellationToken ct) =>
        (await pipeline.Service<RawEventCatalog>().ListAsync(shop, ct)).ToDictionary(e => e.Key, e => e.Value.Metadata, StringComparer.Ordinal);

    private static object Content(NormalizedOrder order) => (order.OrderId, order.CustomerKey, order.OrderedAt.ToUniversalTime(),
        order.UpdatedAt.ToUniversalTime(), order.Currency, order.Total, order.Status, order.Refunds.Count, order.IsTest, order.Platform,
        order.SourceEventId);
}
