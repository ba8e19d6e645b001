using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Retention.Core.Webhooks;

namespace Retention.Pipeline.Storage;

/// <summary>
/// The <c>shopactivity</c> table: when each shop's last webhook of each platform arrived, for the on-call engineer
/// (<c>retention status</c>). PartitionKey = shop, RowKey = platform (<see cref="DeliveryPlatform"/>), one column
/// <c>LastDeliveryAt</c>; at most a row per shop and platform, and no personal data: a shop, a platform, a time.
/// </summary>
/// <remarks>
/// The group commit writes it once per batch, beside the batch's queue message, as one transaction (a batch's platforms
/// share the shop's partition), so it costs a delivery no wait and a burst one request per batch. The row is replaced
/// with the batch's latest arrival: writing it again is harmless. Batches of one shop are written one after another
/// on an instance, so the time only moves forward there; two instances' batches may overlap by their write's
/// milliseconds. An instance writes a shop's platform at most once per <see cref="Precision"/>: the time shown is then
/// the last delivery's to within that, and a burst costs a few writes, not one per batch (measured with the demo's 7,450
/// deliveries: a write per batch made sending them 24 s → 37 s, as each batch waited for Azurite's transaction).
/// </remarks>
public sealed partial class ShopActivityTable(RetentionStorage storage, ILogger<ShopActivityTable> logger)
{
    public const string LastDeliveryAtProperty = "LastDeliveryAt";

    /// <summary>How stale a last-delivery time may be on an instance that keeps receiving.</summary>
    public static readonly TimeSpan Precision = TimeSpan.FromSeconds(10);

    /// <summary>What this instance wrote last per shop and platform.</summary>
    private readonly ConcurrentDictionary<(string Shop, string Platform), DateTimeOffset> _written = new();

    private TableClient Table => storage.Table(StorageNames.ShopActivityTable);

    /// <summary>
    /// Records that these deliveries arrived: per platform, the latest. Never throws for storage's sake: the deliveries
    /// are stored already, and a status row must not turn them into 503s; a failure is logged and the next batch writes it.
    /// </summary>
    public async Task RecordAsync(string shopId, IEnumerable<(string Kind, DateTimeOffset ReceivedAt)> deliveries, CancellationToken cancellationToken)
    {
        var latest = deliveries.GroupBy(d => DeliveryPlatform.Of(d.Kind), StringComparer.Ordinal)
            .Select(platform => (Platform: platform.Key, At: platform.Max(d => d.ReceivedAt).ToUniversalTime()))
            .Where(p => !_written.TryGetValue((shopId, p.Platform), out var written) || p.At - written >= Precision)
            .ToList();
        if (latest.Count == 0) return;
        foreach (var (platform, at) in latest) _written[(shopId, platform)] = at;
        var rows = latest.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(shopId, p.Platform)
            {
                [LastDeliveryAtProperty] = p.At,
            }))
            .ToList();
        try
        {
            await Table.SubmitTransactionAsync(rows, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException || StorageFailure.IsUnavailable(e, cancellationToken))
        {
            LogNotRecorded(logger, shopId, e.Message.Split('\n')[0]);
        }
    }

    /// <summary>The shop's last delivery of each platform that ever delivered, by platform name.</summary>
    public async Task<IReadOnlyList<LastDelivery>> ReadShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var deliveries = new List<LastDelivery>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {shopId}"),
                           select: ["RowKey", LastDeliveryAtProperty], cancellationToken: cancellationToken))
            if (row.GetDateTimeOffset(LastDeliveryAtProperty) is { } at) deliveries.Add(new LastDelivery(row.RowKey, at));
        return [.. deliveries.OrderBy(d => d.Platform, StringComparer.Ordinal)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Last delivery of shop {Shop} not recorded ({Error}); its deliveries are stored, the next batch records it")]
    private static partial void LogNotRecorded(ILogger logger, string shop, string error);
}
