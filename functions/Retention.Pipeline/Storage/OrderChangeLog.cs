using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Retention.Pipeline.Storage;

/// <summary>
/// The <c>orderchanges</c> table: which orders of a shop were written on which (UTC) day, so a night reads only
/// the orders that changed since the last one (<c>docs/nightly-cost.md</c>). PartitionKey <c>{shop}:{yyyyMMdd}</c>,
/// RowKey the escaped order id: writing the same order twice in a day is one row. <see cref="OrderTable"/> records
/// every write here before making it, so a reader may see a change whose write is still in flight — it then reads
/// the order as it is, and the overlap of one day between nights (<see cref="Ledger.OrderLedgerService"/>) reads
/// the entry again.
/// </summary>
public sealed class OrderChangeLog(RetentionStorage storage, TimeProvider clock)
{
    /// <summary>
    /// The RowKey of a bulk change. <see cref="TableKey.Escape"/> turns every '%' of an order id into "%0025", so no
    /// order's RowKey can be this.
    /// </summary>
    public const string BulkRowKey = "%bulk";

    private TableClient Table => storage.Table(StorageNames.OrderChangesTable);

    public static string PartitionKey(string shopId, DateOnly day) =>
        $"{shopId}:{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public Task RecordAsync(string shopId, string orderId, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(Entity(shopId, orderId, Today), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Records several orders' writes (an intake batch's) as one row naming them all, RowKey <c>%many:</c> and a digest of
    /// the ids: one request, and a day's partition grows by a row per batch rather than per order. The same set of ids
    /// recorded again (a batch processed twice) is the same row.
    /// </summary>
    public async Task RecordManyAsync(string shopId, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var today = Today;
        // A property holds at most 64 KiB: larger sets of long ids take more rows.
        foreach (var chunk in ChunkByLength(orderIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), 16_000))
        {
            var ids = JsonSerializer.Serialize(chunk);
            var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..32];
            await Table.UpsertEntityAsync(new TableEntity(PartitionKey(shopId, today), ManyRowKeyPrefix + digest) { [OrderIdsProperty] = ids },
                TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Like <see cref="BulkRowKey"/>, no escaped order id can start with this.</summary>
    private const string ManyRowKeyPrefix = "%many:";
    private const string OrderIdsProperty = "OrderIds";

    private static IEnumerable<List<string>> ChunkByLength(IEnumerable<string> ids, int maxChars)
    {
        var chunk = new List<string>();
        var length = 0;
        foreach (var id in ids)
        {
            if (chunk.Count > 0 && length + id.Length > maxChars)
            {
                yield return chunk;
                (chunk, length) = ([], 0);
            }
            chunk.Add(id);
            length += id.Length + 3;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private static string[] OrderIdsOf(TableEntity entity) =>
        entity.RowKey.StartsWith(ManyRowKeyPrefix, StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<string[]>(entity.GetString(OrderIdsProperty) ?? "[]") ?? []
            : entity.RowKey == BulkRowKey ? [] : [entity.GetString("OrderId")];

    /// <summary>
    /// Records that many orders of the shop are being written without an entry each (a history import): the next
    /// night reads them all. A bulk writer records it before its first write and again as it goes and at its end, so
    /// every write it made is followed by a bulk entry no older than the night that must see it.
    /// </summary>
    public Task RecordBulkAsync(string shopId, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(PartitionKey(shopId, Today), BulkRowKey), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The orders written from <paramref name="from"/> to <paramref name="to"/> (UTC days, both included).</summary>
    public async Task<OrderChanges> ReadAsync(string shopId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? lastBulk = null;
        string low = PartitionKey(shopId, from), high = PartitionKey(shopId, to);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {low} and PartitionKey le {high}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "OrderId", OrderIdsProperty, "Timestamp"],
                           cancellationToken: cancellationToken))
        {
            if (entity.RowKey == BulkRowKey)
            {
                var at = entity.Timestamp ?? DateTimeOffset.MaxValue;
                if (lastBulk is null || at > lastBulk) lastBulk = at;
            }
            else ids.UnionWith(OrderIdsOf(entity));
        }
        return new OrderChanges(ids, lastBulk);
    }

    /// <summary>
    /// Deletes every entry of the given orders, whatever its day (an erasure: the log must not keep naming them). The
    /// caller then records a bulk change, so the next night rebuilds instead of relying on the entries removed.
    /// </summary>
    public async Task<int> ForgetAsync(string shopId, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var forget = orderIds.ToHashSet(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {shopId + ":"} and PartitionKey lt {shopId + ";"}");
        var deleted = 0;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "OrderId", OrderIdsProperty],
                           cancellationToken: cancellationToken))
        {
            // A row naming several orders goes whole: the bulk change the caller records makes the night read the others anyway.
            if (!OrderIdsOf(entity).Any(forget.Contains)) continue;
            await Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
            deleted++;
        }
        return deleted;
    }

    /// <summary>Deletes the shop's entries of the days before <paramref name="day"/>: a night that has folded them in no longer needs them.</summary>
    public async Task<int> DeleteBeforeAsync(string shopId, DateOnly day, CancellationToken cancellationToken)
    {
        string low = shopId + ":", high = PartitionKey(shopId, day);
        var byPartition = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {low} and PartitionKey lt {high}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!byPartition.TryGetValue(entity.PartitionKey, out var rows)) byPartition[entity.PartitionKey] = rows = [];
            rows.Add(entity);
        }
        var deleted = 0;
        foreach (var rows in byPartition.Values)
            foreach (var chunk in rows.Chunk(OrderTable.MaxBatchSize))
            {
                try
                {
                    await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)),
                        cancellationToken);
                    deleted += chunk.Length;
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    // Another night of the same shop cleaned up first; what is left goes next time.
                }
            }
        return deleted;
    }

    private static TableEntity Entity(string shopId, string orderId, DateOnly day) =>
        new(PartitionKey(shopId, day), TableKey.Escape(orderId)) { ["OrderId"] = orderId };
}

/// <summary>The orders a shop's change log names for some days, and when a bulk write last announced itself in them (the entry's server timestamp).</summary>
public sealed record OrderChanges(IReadOnlySet<string> OrderIds, DateTimeOffset? LastBulkAt);
