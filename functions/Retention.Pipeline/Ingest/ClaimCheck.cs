using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// The last step of every webhook route: archive the redacted event once under
/// <c>{shop}/{platform}/{event id}</c>, then queue the small pointer to it on <c>order-events</c>. A redelivery is
/// queued again on purpose: its first attempt may have archived the body and then failed to queue; the pointer
/// names the blob, which still holds the first delivery, and processing is idempotent, so no row changes.
/// </summary>
/// <remarks>
/// The blob's metadata also says whom the event is about (<see cref="SubjectMetadata"/>): <c>orderid</c> and
/// <c>customer</c>, the customer key's salted pseudonym. A customer's erasure then finds every event of theirs by
/// listing metadata, without reading bodies, and the metadata itself names no one.
/// </remarks>
public sealed class ClaimCheck(RawEventArchive archive, RetentionStorage storage)
{
    /// <summary>Blob metadata naming the order an event belongs to (its id, percent-encoded: metadata is ASCII).</summary>
    public const string OrderIdMetadata = "orderid";

    /// <summary>Blob metadata naming the customer an event is about, as <see cref="CustomerPseudonym"/>.</summary>
    public const string CustomerMetadata = "customer";

    /// <param name="metadata">platform-specific blob metadata, besides the shop, platform, webhook id and time received.</param>
    public async Task<IngestOutcome> AcceptAsync(ShopContext shop, string platform, string eventId, byte[] archived, DateTimeOffset receivedAt,
        IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var blobName = RawEventArchive.BlobName(shop.ShopId, platform, eventId);
        var allMetadata = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>())
        {
            ["shop"] = shop.ShopId,
            ["platform"] = platform,
            ["webhookid"] = eventId,
            ["receivedat"] = receivedAt.ToString("O"),
        };
        foreach (var (name, value) in SubjectMetadata(ArchivedEventSubject.Read(platform, archived, shop), shop.CustomerIdSalt))
            allMetadata[name] = value;
        var stored = await archive.StoreOnceAsync(blobName, archived, allMetadata, cancellationToken);
        await QueueMessages.SendAsync(storage.Queue(StorageNames.OrderEventsQueue),
            new OrderEventMessage(shop.ShopId, platform, eventId, blobName, receivedAt), cancellationToken);
        return IngestOutcome.Accepted(eventId, duplicate: !stored);
    }

    public static IEnumerable<KeyValuePair<string, string>> SubjectMetadata(ArchivedEventSubject? subject, string salt)
    {
        if (subject?.OrderId is { } orderId) yield return new(OrderIdMetadata, Uri.EscapeDataString(orderId));
        if (subject?.CustomerKey is { } customer) yield return new(CustomerMetadata, CustomerPseudonym.Of(customer, salt));
    }
}
