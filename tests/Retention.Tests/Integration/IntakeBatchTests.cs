using System.Text;
using Azure.Storage.Blobs.Models;
using Retention.Cli.Bench;
using Retention.Cli.Demo;
using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Privacy;
using Retention.Pipeline.Processing;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Generic;

namespace Retention.Tests.Integration;

/// <summary>
/// The group commit behind a 202 and the processing of its batches, on Azurite through the local host: deliveries
/// acknowledged together share one blob and one message, never across shops; a batch's orders are stored under the
/// version rule; an event that cannot be stored leaves the batch for the poison queue alone; an erasure cuts a customer
/// out of the batches that may hold them and opens no other.
/// </summary>
public class IntakeBatchTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task Concurrent_deliveries_share_batches_each_of_one_shop_and_every_event_is_in_the_archive_once()
    {
        var shops = new[] { "batch-a", "batch-b" };
        var before = pipeline.Host.OrderEvents.Completed;
        var sends = new List<Task<(BurstResult Result, IReadOnlySet<string> Accepted)>>();
        foreach (var shop in shops)
        {
            var credentials = await pipeline.RegisterShopAsync(shop);
            var sender = new WebhookSender(pipeline.Http, shop, credentials.WebhookSecret, TimeProvider.System);
            sends.Add(WebhookBurst.SendAsync(sender, WebhookBurst.Orders(300, seed: shop.Length), concurrency: 32, default));
        }
        var results = await Task.WhenAll(sends);
        await pipeline.DrainAsync();

        var batches = 0;
        foreach (var (shop, (burst, accepted)) in shops.Zip(results))
        {
            Assert.Equal(300, accepted.Count);
            var check = await WebhookBurst.CheckAsync(pipeline.Service<OrderTable>(), pipeline.Storage, shop, accepted, default);
            Assert.True(check.NothingLostOrDoubled(300), check.ToString());

            var events = new List<string>();
            await foreach (var blob in pipeline.Storage.RawEvents.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{shop}/{IntakeBatchFile.Segment}/", default))
            {
                batches++;
                var content = (await pipeline.Storage.RawEvents.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
                events.AddRange(IntakeBatchFile.Read(content.ToMemory()).Select(e => e.RawEventBlob));
            }
            // Every event of the shop's batches is the shop's, each once: nothing of another shop is ever in them.
            Assert.All(events, name => Assert.StartsWith($"{shop}/generic/", name));
            Assert.Equal(300, events.Distinct().Count());
            Assert.Equal(300, events.Count);
            Assert.InRange(events.Count / (double)(await CountBatchesAsync(shop)), 1.5, 100);
            Assert.Empty(burst.Refused);
        }
        // One message per batch, and no other: no event had to be queued alone.
        Assert.Equal(batches, pipeline.Host.OrderEvents.Completed - before);
    }

    [Fact]
    public async Task An_event_of_a_batch_that_cannot_be_stored_goes_alone_to_the_poison_queue_while_the_others_are_stored()
    {
        const string shop = "batch-poison";
        var credentials = await pipeline.RegisterShopAsync(shop);
        var context = new ShopContext(shop, "EUR", credentials.CustomerIdSalt);
        var poisonedBefore = pipeline.Host.OrderEvents.Poisoned;
        var events = new List<IntakeEvent>
        {
            Event(context, "ok-1", Order("p-1", "c-1", "2025-05-01T10:00:00Z", "paid")),
            Event(context, "ok-2", Order("p-2", "c-2", "2025-05-01T11:00:00Z", "paid")),
            // Archived, yet it does not normalize (a normalizer change after it was accepted): it cannot succeed on a retry.
            new(GenericOrderNormalizer.EventKind, "broken", RawEventArchive.BlobName(shop, GenericOrderNormalizer.EventKind, "broken"),
                DateTimeOffset.UtcNow, new Dictionary<string, string>(), Encoding.UTF8.GetBytes("""{"order_id":"p-3"}""")),
            Event(context, "ok-3", Order("p-4", "c-1", "2025-05-02T10:00:00Z", "paid")),
        };
        var batch = await QueueBatchAsync(shop, events);
        await pipeline.DrainAsync();

        Assert.Equal(["p-1", "p-2", "p-4"], (await pipeline.Service<OrderTable>().ReadShopAsync(shop, default)).Select(o => o.OrderId));
        Assert.Equal(poisonedBefore + 1, pipeline.Host.OrderEvents.Poisoned);
        var poison = (await pipeline.Storage.Queue(StorageNames.OrderEventsQueue + StorageNames.PoisonSuffix).PeekMessagesAsync(32)).Value
            .Select(m => m.Body.ToString()).Where(text => text.Contains(shop)).ToList();
        var parked = OrderEventMessage.Parse(Assert.Single(poison));
        Assert.Equal(("broken", RawEventArchive.BlobName(shop, GenericOrderNormalizer.EventKind, "broken")), (parked.EventId, parked.Blob));
        // Parked with its own raw event, so a replay after a fix needs nothing of the batch; the batch stays the raw record.
        Assert.NotNull(await pipeline.Service<RawEventArchive>().ReadAsync(parked.Blob, default));
        Assert.True((await pipeline.Storage.RawEvents.GetBlobClient(batch).ExistsAsync()).Value);
    }

    [Fact]
    public async Task Versions_of_one_order_in_one_batch_leave_the_superseding_one_whatever_their_order_and_one_change_row()
    {
        const string shop = "batch-versions";
        var credentials = await pipeline.RegisterShopAsync(shop);
        var context = new ShopContext(shop, "EUR", credentials.CustomerIdSalt);
        var paid = Event(context, "v-paid", Order("v-1", "c-9", "2025-06-01T10:00:00Z", "paid", updatedAt: "2025-06-01T10:00:00Z"));
        var fulfilled = Event(context, "v-fulfilled", Order("v-1", "c-9", "2025-06-01T10:00:00Z", "fulfilled", updatedAt: "2025-06-03T09:00:00Z"));
        var cancelled = Event(context, "v-cancelled", Order("v-1", "c-9", "2025-06-01T10:00:00Z", "cancelled", updatedAt: "2025-06-05T09:00:00Z"));
        var processor = pipeline.Service<IntakeBatchStore>();

        var first = await processor.ProcessAsync(await BatchMessageAsync(shop, [cancelled, paid, fulfilled]), default);
        var stored = await pipeline.Service<OrderTable>().FindAsync(shop, "v-1", default);
        Assert.Equal((OrderStatus.Cancelled, "v-cancelled"), (stored!.Status, stored.SourceEventId));
        Assert.Equal(new IntakeBatchOutcome(3, 3, 0), first);

        // An older version in a later batch changes nothing.
        await processor.ProcessAsync(await BatchMessageAsync(shop, [fulfilled]), default);
        var again = await pipeline.Service<OrderTable>().FindAsync(shop, "v-1", default);
        Assert.Equal(stored with { Refunds = [] }, again! with { Refunds = [] });
        Assert.Empty(again.Refunds);

        var changes = await pipeline.Service<OrderTable>().Changes.ReadAsync(shop, DateOnly.MinValue, DateOnly.MaxValue, default);
        Assert.Equal(["v-1"], changes.OrderIds);
    }

    [Fact]
    public async Task A_customers_erasure_cuts_their_events_out_of_the_batches_that_hold_them_and_leaves_the_others_untouched()
    {
        const string shop = "batch-erase";
        var credentials = await pipeline.RegisterShopAsync(shop);
        var context = new ShopContext(shop, "EUR", credentials.CustomerIdSalt);
        var johns = Event(context, "john-1", Order("e-1", "john", "2025-07-01T10:00:00Z", "paid"));
        var bobs = Event(context, "bob-1", Order("e-2", "bob", "2025-07-01T11:00:00Z", "paid"));
        var bobsAgain = Event(context, "bob-2", Order("e-3", "bob", "2025-07-02T11:00:00Z", "paid"));
        var mixed = (await BatchMessageAsync(shop, [johns, bobs])).Batch;
        var bobsOnly = (await BatchMessageAsync(shop, [bobsAgain])).Batch;
        var untouched = (await pipeline.Storage.RawEvents.GetBlobClient(bobsOnly).GetPropertiesAsync()).Value.ETag;

        var john = CustomerMatch.Of(["c:john"], [], credentials.CustomerIdSalt);
        var removed = await pipeline.Service<RawEventSweep>().DeleteCustomerAsync(context, john, default);

        Assert.Equal(1, removed);
        var left = IntakeBatchFile.Read((await pipeline.Storage.RawEvents.GetBlobClient(mixed).DownloadContentAsync()).Value.Content.ToMemory());
        Assert.Equal(["bob-1"], left.Select(e => e.EventId));
        Assert.False(IntakeBatchFile.MayHold((await pipeline.Storage.RawEvents.GetBlobClient(mixed).GetPropertiesAsync()).Value.Metadata, john));
        Assert.Equal(untouched, (await pipeline.Storage.RawEvents.GetBlobClient(bobsOnly).GetPropertiesAsync()).Value.ETag);
        Assert.Equal([bobs.RawEventBlob, bobsAgain.RawEventBlob], (await ArchivedEvents.NamesAsync(pipeline.Storage, shop)).Order());

        // A batch of the customer's events alone is deleted whole.
        var johnsOnly = (await BatchMessageAsync(shop, [johns])).Batch;
        Assert.Equal(1, await pipeline.Service<RawEventSweep>().DeleteCustomerAsync(context, john, default));
        Assert.False((await pipeline.Storage.RawEvents.GetBlobClient(johnsOnly).ExistsAsync()).Value);
    }

    private async Task<int> CountBatchesAsync(string shop)
    {
        var count = 0;
        await foreach (var _ in pipeline.Storage.RawEvents.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{shop}/{IntakeBatchFile.Segment}/", default)) count++;
        return count;
    }

    private static byte[] Order(string orderId, string customer, string orderedAt, string status, string? updatedAt = null) =>
        Encoding.UTF8.GetBytes($$"""{"order_id":"{{orderId}}","customer":{"id":"{{customer}}"},"ordered_at":"{{orderedAt}}","updated_at":"{{updatedAt ?? orderedAt}}","total":"20.00","status":"{{status}}"}""");

    /// <summary>A delivery as the claim check hands it to the batcher: archived, named, and with whom it is about in its metadata.</summary>
    private static IntakeEvent Event(ShopContext shop, string eventId, byte[] body)
    {
        var (archived, problem) = IncomingEvent.GenericOrder.Prepare(body, shop, eventId);
        Assert.Null(problem);
        var metadata = ClaimCheck.SubjectMetadata(ArchivedEventSubject.Read(GenericOrderNormalizer.EventKind, archived!, shop), shop.CustomerIdSalt)
            .ToDictionary(p => p.Key, p => p.Value);
        return new IntakeEvent(GenericOrderNormalizer.EventKind, eventId, RawEventArchive.BlobName(shop.ShopId, GenericOrderNormalizer.EventKind, eventId),
            DateTimeOffset.UtcNow, metadata, archived!);
    }

    /// <summary>Writes a batch as the batcher does (blob with its index), without queueing it.</summary>
    private async Task<IntakeBatchMessage> BatchMessageAsync(string shop, IReadOnlyList<IntakeEvent> events)
    {
        var at = DateTimeOffset.UtcNow;
        var name = IntakeBatchFile.BlobName(shop, at, Guid.NewGuid());
        await pipeline.Storage.RawEvents.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(IntakeBatchFile.Write(events)),
            new BlobUploadOptions { Metadata = IntakeBatchFile.Index(events) });
        return new IntakeBatchMessage(shop, name, events.Count, at);
    }

    private async Task<string> QueueBatchAsync(string shop, IReadOnlyList<IntakeEvent> events)
    {
        var message = await BatchMessageAsync(shop, events);
        await QueueMessages.SendAsync(pipeline.Storage.Queue(StorageNames.OrderEventsQueue), message, default);
        return message.Batch;
    }
}
