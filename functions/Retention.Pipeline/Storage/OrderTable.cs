using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Retention.Core.Orders;

namespace Retention.Pipeline.Storage;

public enum OrderUpsertResult { Inserted, Replaced, KeptNewer }

/// <summary>
/// The <c>orders</c> table: one row per order, the latest version only (<c>docs/storage.md</c>).
/// PartitionKey <c>{shop}:{bucket}</c> spreads a shop over <see cref="Buckets"/> partitions by a hash of the
/// order id, so one shop's burst can use the account's whole write rate and the nightly job reads the
/// partitions in parallel; RowKey is the escaped order id. Every write is first recorded in the shop's
/// <see cref="OrderChangeLog"/>, so the nightly ledger can fold in exactly the orders that changed.
/// </summary>
public sealed class OrderTable(RetentionStorage storage, OrderChangeLog changes)
{
    public OrderTable(RetentionStorage storage) : this(storage, new OrderChangeLog(storage, TimeProvider.System))
    {
    }

    public OrderChangeLog Changes => changes;

    /// <summary>Fixed for the life of the data: changing it moves every row. 16 × 2,000/s exceeds the 20,000/s account limit.</summary>
    public const int Buckets = 16;
    private const int MaxConcurrencyRetries = 8;
    private TableClient Table => storage.Table(StorageNames.OrdersTable);

    public static string PartitionKey(string shopId, string orderId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(orderId));
        return PartitionKey(shopId, hash[0] % Buckets);
    }

    public static string PartitionKey(string shopId, int bucket) => $"{shopId}:{bucket:D2}";

    /// <summary>
    /// Stores the order unless a version that supersedes it is already there (<see cref="OrderVersion"/>).
    /// Optimistic concurrency (ETags) makes two processors racing on one order converge on the same row.
    /// </summary>
    public async Task<OrderUpsertResult> UpsertAsync(NormalizedOrder order, CancellationToken cancellationToken)
    {
        var entity = ToEntity(order);
        var fingerprint = (string)entity["Fingerprint"];
        // Before the write, not after: a crash in between then costs a needless re-read, never a missed change.
        await changes.RecordAsync(order.ShopId, order.OrderId, cancellationToken);
        try
        {
            // Most events are an order's first version: try the insert first, one round trip instead of two.
            await Table.AddEntityAsync(entity, cancellationToken);
            return OrderUpsertResult.Inserted;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey,
                ["UpdatedAt", "Fingerprint"], cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await Table.AddEntityAsync(entity, cancellationToken);
                    return OrderUpsertResult.Inserted;
                }
                var stored = existing.Value!;
                if (!OrderVersion.Supersedes(order.UpdatedAt, fingerprint,
                        stored.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, stored.GetString("Fingerprint") ?? ""))
                    return OrderUpsertResult.KeptNewer;
                await Table.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken);
                return OrderUpsertResult.Replaced;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxConcurrencyRetries)
            {
                // Another processor wrote this order between our read and our write: read again and decide again.
            }
        }
    }

    /// <summary>The most entities one table transaction may hold.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>
    /// Stores orders of one partition with the outcome <see cref="UpsertAsync"/> would give each, in one round
    /// trip when none of them is stored yet (the common case of a history import). A transaction is all or
    /// nothing: when one order already exists it fails whole, and then every order of the batch goes through
    /// <see cref="UpsertAsync"/>, so the version rule decides for each exactly as for a webhook.
    /// </summary>
    /// <remarks>
    /// The orders are not recorded one by one in the <see cref="OrderChangeLog"/> (that would double the round trips
    /// of an import): the caller records a bulk change with <see cref="OrderChangeLog.RecordBulkAsync"/>.
    /// </remarks>
    /// <param name="orders">at most <see cref="MaxBatchSize"/> orders of distinct ids, all in one partition.</param>
    /// <param name="fallbackConcurrency">orders of a conflicting batch upserted at once.</param>
    public async Task<IReadOnlyList<OrderUpsertResult>> UpsertBatchAsync(IReadOnlyList<NormalizedOrder> orders, int fallbackConcurrency,
        CancellationToken cancellationToken)
    {
        if (orders.Count == 0) return [];
        if (orders.Count > MaxBatchSize) throw new ArgumentException($"at most {MaxBatchSize} orders make one batch", nameof(orders));
        var entities = orders.Select(ToEntity).ToList();
        if (entities.Any(e => e.PartitionKey != entities[0].PartitionKey))
            throw new ArgumentException("the orders of one batch must share a partition", nameof(orders));
        try
        {
            // One order alone is a plain insert: the same single request, without a transaction's envelope to parse.
            if (entities.Count == 1) await Table.AddEntityAsync(entities[0], cancellationToken);
            else await Table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)),
                cancellationToken);
            return [.. orders.Select(_ => OrderUpsertResult.Inserted)];
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
        var results = new OrderUpsertResult[orders.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, orders.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, fallbackConcurrency), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await UpsertAsync(orders[i], ct));
        return results;
    }

    public async Task<IReadOnlyList<NormalizedOrder>> ReadShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var partitions = await Task.WhenAll(Enumerable.Range(0, Buckets).Select(async bucket =>
        {
            var orders = new List<NormalizedOrder>();
            var key = PartitionKey(shopId, bucket);
            await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == key, cancellationToken: cancellationToken))
                orders.Add(FromEntity(shopId, entity));
            return orders;
        }));
        return [.. partitions.SelectMany(p => p).OrderBy(o => o.OrderId, StringComparer.Ordinal)];
    }

    public async Task<NormalizedOrder?> FindAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(shopId, orderId), TableKey.Escape(orderId),
            cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(shopId, response.Value!) : null;
    }

    /// <summary>
    /// Removes the order's row, whatever version it holds. Every deletion of an order goes through here: Shopify's
    /// <c>orders/delete</c>, and a customer's or a shop's erasure; it is recorded in the change log first.
    /// </summary>
    /// <returns>true when a row was deleted, false when there was none (deleting again is harmless).</returns>
    public async Task<bool> DeleteAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        await changes.RecordAsync(shopId, orderId, cancellationToken);
        try
        {
            var response = await Table.DeleteEntityAsync(PartitionKey(shopId, orderId), TableKey.Escape(orderId), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(NormalizedOrder order)
    {
        var entity = OrderColumns(order);
        OrderFacetColumns.Write(entity, order);
        return entity;
    }

    private static TableEntity OrderColumns(NormalizedOrder order) => new(PartitionKey(order.ShopId, order.OrderId), TableKey.Escape(order.OrderId))
    {
        ["OrderId"] = order.OrderId,
        ["CustomerKey"] = order.CustomerKey,
        ["OrderedAt"] = order.OrderedAt.ToUniversalTime(),
        ["UpdatedAt"] = order.UpdatedAt.ToUniversalTime(),
        ["Currency"] = order.Currency,
        // Table storage has no decimal type; the invariant text keeps every cent exact.
        ["Total"] = order.Total.ToString(CultureInfo.InvariantCulture),
        ["Status"] = order.Status.ToWire(),
        ["CancelledAt"] = order.CancelledAt?.ToUniversalTime(),
        ["Refunds"] = JsonSerializer.Serialize(order.Refunds.Select(r => new StoredRefund(r.RefundId,
            r.Amount.ToString(CultureInfo.InvariantCulture), r.RefundedAt.ToUniversalTime()))),
        ["IsTest"] = order.IsTest,
        ["Platform"] = order.Platform,
        ["SourceEventId"] = order.SourceEventId,
        ["Fingerprint"] = OrderVersion.Fingerprint(order),
    };

    private static NormalizedOrder FromEntity(string shopId, TableEntity entity)
    {
        var refunds = JsonSerializer.Deserialize<StoredRefund[]>(entity.GetString("Refunds") ?? "[]") ?? [];
        // Rows are written with ToWire, so a stored status parses; anything else falls back to Pending, the enum's default.
        var status = OrderStatusNames.TryParse(entity.GetString("Status"), out var stored) ? stored : OrderStatus.Pending;
        return OrderFacetColumns.Read(entity, new NormalizedOrder(
            shopId,
            entity.GetString("OrderId"),
            entity.GetString("CustomerKey"),
            entity.GetDateTimeOffset("OrderedAt")!.Value,
            entity.GetDateTimeOffset("UpdatedAt")!.Value,
            entity.GetString("Currency"),
            decimal.Parse(entity.GetString("Total"), CultureInfo.InvariantCulture),
            status,
            entity.GetDateTimeOffset("CancelledAt"),
            [.. refunds.Select(r => new OrderRefund(r.Id, decimal.Parse(r.Amount, CultureInfo.InvariantCulture), r.At))],
            entity.GetBoolean("IsTest") ?? false,
            entity.GetString("Platform"),
            entity.GetString("SourceEventId")));
    }

    private sealed record StoredRefund(string Id, string Amount, DateTimeOffset At);
}
