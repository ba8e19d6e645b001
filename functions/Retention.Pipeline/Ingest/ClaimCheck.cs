using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Storage;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// The last step of every webhook route: name the raw event <c>{shop}/{platform}/{event id}</c> and what it is about,
/// and hand it to the shop's group commit (<see cref="IntakeBatcher"/>), which answers once it is stored and queued.
/// A redelivery is queued again on purpose: its first attempt may have failed to queue; processing is idempotent, so
/// no row changes. A compliance request keeps the blob of its own it always had.
/// </summary>
/// <remarks>
/// The raw event's metadata also says whom the event is about (<see cref="SubjectMetadata"/>): <c>orderid</c> and
/// <c>customer</c>, the customer key's salted pseudonym. A customer's erasure then finds every event of theirs by
/// listing metadata, without reading bodies, and the metadata itself names no one.
/// </remarks>
public sealed class ClaimCheck(IntakeBatcher intake, RawEventArchive archive, ShopActivityTable activity, RetentionStorage storage)
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
        if (platform == ShopifyPrivacyRequest.EventKind)
        {
            // A compliance request is rare, and its processing deletes its raw event once done: it keeps a blob of its own.
            await archive.StoreOnceAsync(blobName, archived, allMetadata, cancellationToken);
            await QueueMessages.SendAsync(storage.Queue(StorageNames.OrderEventsQueue),
                new OrderEventMessage(shop.ShopId, platform, eventId, blobName, receivedAt), cancellationToken);
            await activity.RecordAsync(shop.ShopId, [(platform, receivedAt)], cancellationToken);
            return IngestOutcome.Accepted(eventId);
        }
        await intake.AcceptAsync(shop.ShopId, new IntakeEvent(platform, eventId, blobName, receivedAt, allMetadata, archived), cancellationToken);
        return IngestOutcome.Accepted(eventId);
    }

    public static IEnumerable<KeyValuePair<string, string>> SubjectMetadata(ArchivedEventSubject? subject, string salt)
    {
        if (subject?.OrderId is { } orderId) yield return new(OrderIdMetadata, Uri.EscapeDataString(orderId));
        if (subject?.CustomerKey is { } customer) yield return new(CustomerMetadata, CustomerPseudonym.Of(customer, salt));
    }
}
