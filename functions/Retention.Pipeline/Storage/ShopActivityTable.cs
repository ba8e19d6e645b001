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
/// milliseconds.
/// </remarks>
public sealed partial class ShopActivityTable(RetentionStorage storage, ILogger<ShopActivityTable> logger)
{
    public const string LastDeliveryAtProperty = "LastDeliveryAt";

    private TableClient Table => storage.Table(StorageNames.ShopActivityTable);

    /// <summary>
    /// Records that these deliveries arrived: per platform, the latest. Never throws for storage's sake: the deliveries
    /// are stored already, and a status row must not turn them into 503s; a failure is logged and the next batch writes it.
    /// </summary>
    public async Task RecordAsync(string shopId, IEnumerable<(string Kind, DateTimeOffset ReceivedAt)> deliveries, CancellationToken cancellationToken)
    {
        var rows = deliveries.GroupBy(d => DeliveryPlatform.Of(d.Kind), StringComparer.Ordinal)
            .Select(platform => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(shopId, platform.Key)
            {
                [LastDeliveryAtProperty] = platform.Max(d => d.ReceivedAt).ToUniversalTime(),
            }))
            .ToList();
        if (rows.Count == 0) return;
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
