using Retention.Pipeline.Storage;
using Retention.Pipeline.Ingest;

namespace Retention.Tests.Support;

/// <summary>
/// What a shop's deliveries left in storage, event by event, whether they were batched or not: the raw events the
/// archive holds (<see cref="RawEventCatalog"/>) and the events the order-events queue holds, a group commit's message
/// read as the events of its batch.
/// </summary>
public static class ArchivedEvents
{
    public static async Task<List<string>> NamesAsync(RetentionStorage storage, string shopId) =>
        [.. (await new RawEventCatalog(storage).ListAsync(shopId, default)).Keys];

    public static Task<IReadOnlyDictionary<string, ArchivedRawEvent>> OfShopAsync(RetentionStorage storage, string shopId) =>
        new RawEventCatalog(storage).ListAsync(shopId, default);

    public static Task<BinaryData?> ReadAsync(RetentionStorage storage, string rawEventName) =>
        new RawEventCatalog(storage).ReadAsync(rawEventName, default);

    /// <summary>The queued events (of one shop, or all), in queue order, each as the single message it would be alone.</summary>
    public static async Task<List<OrderEventMessage>> QueuedAsync(RetentionStorage storage, string? shopId = null)
    {
        var queued = new List<OrderEventMessage>();
        foreach (var message in (await storage.Queue(StorageNames.OrderEventsQueue).PeekMessagesAsync(32)).Value)
        {
            var text = message.Body.ToString();
            if (!IntakeBatchMessage.Describes(text))
            {
                queued.Add(OrderEventMessage.Parse(text));
                continue;
            }
            var batch = QueueMessages.Parse<IntakeBatchMessage>(text);
            var content = (await storage.RawEvents.GetBlobClient(batch.Batch).DownloadContentAsync()).Value.Content;
            queued.AddRange(IntakeBatchFile.Read(content.ToMemory())
                .Select(e => new OrderEventMessage(batch.Shop, e.Kind, e.EventId, e.RawEventBlob, e.ReceivedAt)));
        }
        return [.. queued.Where(m => shopId is null || m.Shop == shopId)];
    }
}
