using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Retention.Core.Privacy;

namespace Retention.Pipeline.Storage;

/// <summary>
/// One accepted delivery as it waits in an intake batch: the archived (redacted) body, the name and metadata of the raw
/// event it becomes, and when it was received. <paramref name="Kind"/> is the event's kind (<see cref="Ingest.OrderEventMessage"/>);
/// in the blob it keeps the name <c>platform</c> it was first written with: batches are the raw record and are read for years.
/// </summary>
public sealed record IntakeEvent(
    [property: JsonPropertyName("platform")] string Kind,
    string EventId,
    string RawEventBlob,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string> Metadata,
    byte[] Body);

/// <summary>
/// The blob a group commit writes: every delivery of one shop acknowledged together, under
/// <c>raw-events/{shop}/intake/{utc time}-{id}</c>. It is the claim check of the batch's queue message and, after it,
/// the raw record of those events, kept like a single raw event (<see cref="RawEventArchive"/>) and read by
/// <see cref="RawEventCatalog"/>. Writing one blob per batch instead of one per event is what lets a burst be
/// acknowledged and stored at the storage's table rate rather than its (lower) blob rate.
/// </summary>
/// <remarks>
/// Its metadata indexes whom it is about without naming anyone: <c>customers</c> and <c>orders</c> hold the first 16 hex
/// digits of a SHA-256 of each event's customer pseudonym and order id, and <c>unindexed</c> says an event named
/// neither. A customer's erasure then downloads only the batches that may hold their events.
/// </remarks>
public static class IntakeBatchFile
{
    /// <summary>The second segment of an intake batch's blob name, where a raw event has its platform.</summary>
    public const string Segment = "intake";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string BlobName(string shopId, DateTimeOffset at, Guid id) =>
        $"{shopId}/{Segment}/{at.UtcDateTime:yyyyMMddTHHmmssfff}-{id:N}";

    public static bool IsIntakeBatch(string blobName) => blobName.Split('/', 3) is [_, Segment, _];

    public const string CustomersMetadata = "customers";
    public const string OrdersMetadata = "orders";
    public const string UnindexedMetadata = "unindexed";

    /// <summary>The metadata index of a batch of these events (at most 100, so it stays far below the 8 KB metadata limit).</summary>
    public static Dictionary<string, string> Index(IReadOnlyList<IntakeEvent> events)
    {
        var customers = new SortedSet<string>(StringComparer.Ordinal);
        var orders = new SortedSet<string>(StringComparer.Ordinal);
        var unindexed = false;
        foreach (var e in events)
        {
            var customer = e.Metadata.GetValueOrDefault(Ingest.ClaimCheck.CustomerMetadata);
            var order = e.Metadata.GetValueOrDefault(Ingest.ClaimCheck.OrderIdMetadata);
            if (customer is not null) customers.Add(Digest(customer));
            if (order is not null) orders.Add(Digest(Uri.UnescapeDataString(order)));
            unindexed |= customer is null && order is null;
        }
        var index = new Dictionary<string, string>
        {
            [CustomersMetadata] = string.Join(' ', customers),
            [OrdersMetadata] = string.Join(' ', orders),
        };
        if (unindexed) index[UnindexedMetadata] = "true";
        return index;
    }

    /// <summary>Whether a batch with this metadata may hold an event of the customer: false only when its index rules it out.</summary>
    public static bool MayHold(IDictionary<string, string>? metadata, CustomerMatch customer)
    {
        if (metadata is null || metadata.ContainsKey(UnindexedMetadata)
            || !metadata.TryGetValue(CustomersMetadata, out var customers) || !metadata.TryGetValue(OrdersMetadata, out var orders))
            return true;
        var (indexedCustomers, indexedOrders) = (customers.Split(' ').ToHashSet(StringComparer.Ordinal), orders.Split(' ').ToHashSet(StringComparer.Ordinal));
        return customer.Pseudonyms.Any(p => indexedCustomers.Contains(Digest(p))) || customer.OrderIds.Any(o => indexedOrders.Contains(Digest(o)));
    }

    private static string Digest(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    public static byte[] Write(IReadOnlyList<IntakeEvent> events) =>
        JsonSerializer.SerializeToUtf8Bytes(new Document(events), Json);

    /// <exception cref="InvalidDataException">the bytes are not an intake batch.</exception>
    public static IReadOnlyList<IntakeEvent> Read(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var document = JsonSerializer.Deserialize<Document>(bytes.Span, Json);
            if (document?.Events is null || document.Events.Any(e => e is null || e.Body is null || e.EventId is null || e.RawEventBlob is null))
                throw new InvalidDataException("not an intake batch: an event lacks its body, id or blob name");
            return document.Events;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not an intake batch: {e.Message}", e);
        }
    }

    private sealed record Document(IReadOnlyList<IntakeEvent> Events);
}
