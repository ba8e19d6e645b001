using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Shopify;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Processing;

/// <summary>
/// Processes one group commit (<see cref="IntakeBatchMessage"/>) from its intake blob, which stays as the events' raw
/// record: the batch's orders are stored together (one change-log row naming them all, then one transaction per table
/// partition, or a plain insert for a partition's lone order, each under the version rule); every other event goes through <see cref="SingleEventStore"/> with its
/// body in hand, as if it had come alone.
/// </summary>
/// <remarks>
/// Running it again, whole or after a crash part-way, changes nothing that was done. An event that cannot be stored
/// (it does not normalize, or its write fails for a reason other than an outage) does not hold up the others: it gets a
/// raw event blob of its own and is put back on the queue as a single message naming it, so the retries and the poison
/// queue deal with it alone. An outage fails the whole batch, for <see cref="StorageOutagePatience"/> to retry.
/// </remarks>
public sealed partial class IntakeBatchStore(
    RetentionStorage storage,
    RawEventArchive archive,
    ShopDirectory shops,
    ShopCredentialStore credentials,
    OrderTable orders,
    ShopifyRefundHandler shopifyRefunds,
    SingleEventStore singleEvents,
    RetentionTracing tracing,
    ILogger<IntakeBatchStore> logger)
{
    /// <summary>Order partitions written at once for one batch.</summary>
    private const int WritesInFlight = 16;

    public async Task<IntakeBatchOutcome> ProcessAsync(IntakeBatchMessage message, CancellationToken cancellationToken)
    {
        var content = await archive.ReadAsync(message.Batch, cancellationToken);
        if (content is null)
        {
            // Gone with its shop's erasure, or with the erasure of every customer it held: nothing of it may be stored now.
            LogBatchGone(logger, message.Batch);
            return new IntakeBatchOutcome(0, 0, 0);
        }
        var events = IntakeBatchFile.Read(content.ToMemory());

        // Compliance requests keep blobs of their own (ClaimCheck); one found here is handed on alone, before the shop
        // lookup as when it comes alone, because a shop's erasure removes the shop's row.
        var requeued = 0;
        foreach (var request in events.Where(e => e.Kind == ShopifyPrivacyRequest.EventKind))
        {
            await RequeueAsync(message.Shop, request, cancellationToken);
            requeued++;
        }
        var others = events.Where(e => e.Kind != ShopifyPrivacyRequest.EventKind).ToList();
        if (others.Count == 0) return Done(message, events.Count, 0, requeued);

        var shop = await shops.FindAsync(message.Shop, cancellationToken)
            ?? throw new InvalidDataException($"shop '{message.Shop}' is not registered");
        var secrets = credentials.Find(shop.Id)
            ?? throw new InvalidOperationException($"shop '{shop.Id}' has no credentials in settings");
        var context = new ShopContext(shop.Id, shop.Currency, secrets.CustomerIdSalt);

        var batchOrders = new List<(IntakeEvent Event, NormalizedOrder Order)>();
        var rest = new List<IntakeEvent>();
        foreach (var e in others)
        {
            if (OrderEventKinds.Normalize(e.Kind, e.Body, context, e.EventId)?.Order is { } order) batchOrders.Add((e, order));
            else rest.Add(e); // not an order, or an order that no longer normalizes: alone it gets its own retries and reason
        }
        requeued += await StoreOrdersAsync(shop.Id, batchOrders, cancellationToken);
        requeued += await ProcessEachAsync(shop.Id, rest, cancellationToken);
        return Done(message, events.Count, batchOrders.Count, requeued);
    }

    /// <param name="events">the events the batch holds now (an erasure may have cut some out since it was queued).</param>
    private IntakeBatchOutcome Done(IntakeBatchMessage message, int events, int orderEvents, int requeued)
    {
        LogBatchProcessed(logger, message.Batch, events, orderEvents, requeued);
        return new IntakeBatchOutcome(events, orderEvents, requeued);
    }

    /// <returns>how many events were put back on the queue alone.</returns>
    private async Task<int> StoreOrdersAsync(string shopId, List<(IntakeEvent Event, NormalizedOrder Order)> batch,
        CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return 0;
        // The version rule among the batch's own versions of an order first, so each order is written once.
        var latest = batch.GroupBy(b => b.Order.OrderId, StringComparer.Ordinal)
            .Select(g => g.Aggregate((kept, next) => OrderVersion.Supersedes(next.Order.UpdatedAt, OrderVersion.Fingerprint(next.Order),
                kept.Order.UpdatedAt, OrderVersion.Fingerprint(kept.Order)) ? next : kept))
            .ToList();
        // Before the writes, as for a single order: a crash in between costs a needless re-read, never a missed change.
        await orders.Changes.RecordManyAsync(shopId, latest.Select(l => l.Order.OrderId), cancellationToken);

        var requeued = 0;
        using var span = tracing.StartStage(RetentionTracing.OrdersWrite, ("retention.shop", shopId), ("retention.orders", latest.Count));
        var chunks = latest.GroupBy(l => OrderTable.PartitionKey(shopId, l.Order.OrderId)).SelectMany(p => p.Chunk(OrderTable.MaxBatchSize));
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = WritesInFlight, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                try
                {
                    await orders.UpsertBatchAsync([.. chunk.Select(c => c.Order)], fallbackConcurrency: 4, ct);
                }
                catch (Exception e) when (!StorageFailure.IsUnavailable(e, ct))
                {
                    LogOrdersQueuedAlone(logger, shopId, e.Message.Split('\n')[0]);
                    foreach (var (intake, _) in chunk) await RequeueAsync(shopId, intake, ct);
                    Interlocked.Add(ref requeued, chunk.Length);
                }
            });
        // A refunds/create that came before its order waits for it; now that the order is stored it applies.
        foreach (var orderId in latest.Where(l => l.Event.Kind == ShopifyOrderNormalizer.EventKind).Select(l => l.Order.OrderId))
            await shopifyRefunds.ApplyHeldAsync(shopId, orderId, cancellationToken);
        return requeued;
    }

    /// <returns>how many events were put back on the queue alone.</returns>
    private async Task<int> ProcessEachAsync(string shopId, IReadOnlyList<IntakeEvent> events, CancellationToken cancellationToken)
    {
        var requeued = 0;
        foreach (var e in events)
        {
            try
            {
                await singleEvents.ProcessAsync(Alone(shopId, e), cancellationToken, BinaryData.FromBytes(e.Body));
            }
            catch (Exception failure) when (!StorageFailure.IsUnavailable(failure, cancellationToken))
            {
                LogEventQueuedAlone(logger, e.EventId, shopId, failure.Message.Split('\n')[0]);
                await RequeueAsync(shopId, e, cancellationToken);
                requeued++;
            }
        }
        return requeued;
    }

    /// <summary>The event alone: a raw event blob of its own (as a single delivery's), and a message naming it.</summary>
    private async Task RequeueAsync(string shopId, IntakeEvent e, CancellationToken cancellationToken)
    {
        await archive.StoreOnceAsync(e.RawEventBlob, e.Body, new Dictionary<string, string>(e.Metadata), cancellationToken);
        await QueueMessages.SendAsync(storage.Queue(StorageNames.OrderEventsQueue), Alone(shopId, e), cancellationToken);
    }

    private static OrderEventMessage Alone(string shopId, IntakeEvent e) => new(shopId, e.Kind, e.EventId, e.RawEventBlob, e.ReceivedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake batch {Batch} is gone (erased); nothing to process")]
    private static partial void LogBatchGone(ILogger logger, string batch);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Intake batch {Batch}: {Events} events, {Orders} orders stored together, {Requeued} queued alone")]
    private static partial void LogBatchProcessed(ILogger logger, string batch, int events, int orders, int requeued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orders of shop {Shop} could not be stored together ({Error}); each is queued alone")]
    private static partial void LogOrdersQueuedAlone(ILogger logger, string shop, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Event} of intake batch of shop {Shop} failed ({Error}); queued alone for its own retries")]
    private static partial void LogEventQueuedAlone(ILogger logger, string @event, string shop, string error);
}

/// <summary>What processing a batch did: its events, the orders stored together, and the events put back on the queue alone.</summary>
public sealed record IntakeBatchOutcome(int Events, int OrdersStoredTogether, int QueuedAlone);
