using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Retention.Core.Audiences.Delivery;
using Retention.Core.Customers;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Audiences;

/// <summary>
/// The <c>audiencedeliveries</c> table, the outbox and the dead letters in one: PartitionKey = shop, RowKey = the
/// delivery's id (its <c>webhook-id</c>). A row is added once (a night run again finds its rows there), is updated after
/// each attempt, and keeps its body only until it is delivered.
/// </summary>
public sealed class AudienceDeliveryTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.AudienceDeliveriesTable);

    /// <returns>true when the row is new; false when the delivery was already in the outbox (its row is left as it is).</returns>
    public async Task<bool> AddAsync(AudienceDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(delivery.ShopId, delivery.Id)
            {
                ["SubscriptionId"] = delivery.SubscriptionId,
                ["Audience"] = delivery.Audience,
                ["Night"] = delivery.Night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Batch"] = delivery.Batch,
                ["Batches"] = delivery.Batches,
                ["Entered"] = delivery.Entered,
                ["Left"] = delivery.Left,
                ["Body"] = delivery.Body,
                ["Status"] = AudienceDeliveryStatus.Pending,
                ["Attempts"] = 0,
                ["CreatedAt"] = now,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<(AudienceDeliveryRecord Record, ETag ETag)?> FindAsync(string shopId, string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(shopId, id, cancellationToken: cancellationToken);
        return row.HasValue ? (FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Records an attempt's end; conditional on <paramref name="etag"/>, so of two instances sending the same delivery one records.</summary>
    public async Task<bool> UpdateAsync(AudienceDeliveryRecord record, ETag etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(record.Delivery.ShopId, record.Delivery.Id)
        {
            ["Status"] = record.Status,
            ["Attempts"] = record.Attempts,
            ["FirstAttemptAt"] = record.FirstAttemptAt,
            ["LastAttemptAt"] = record.LastAttemptAt,
            ["LastResult"] = record.LastResult,
            ["CreatedAt"] = record.CreatedAt,
            // Delivered: the body named customers and is not needed any more.
            ["Body"] = record.Status == AudienceDeliveryStatus.Delivered ? "" : record.Delivery.Body,
        };
        try
        {
            await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The shop's deliveries, newest night first; <paramref name="status"/> null for all.</summary>
    public async Task<IReadOnlyList<(AudienceDeliveryRecord Record, ETag ETag)>> ReadAsync(string shopId, string? status, CancellationToken cancellationToken)
    {
        var rows = new List<(AudienceDeliveryRecord, ETag)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
            if (status is null || row.GetString("Status") == status) rows.Add((FromEntity(row), row.ETag));
        return [.. rows.OrderByDescending(r => r.Item1.Delivery.Night).ThenBy(r => r.Item1.Delivery.Audience, StringComparer.Ordinal)
            .ThenBy(r => r.Item1.Delivery.Batch)];
    }

    /// <summary>
    /// A customer's erasure: their changes are cut out of every body not delivered yet (pending and dead letters), and a
    /// delivery left with no change is deleted. Delivered rows hold no body.
    /// </summary>
    /// <returns>the deliveries rewritten or deleted.</returns>
    public async Task<int> RemoveCustomersAsync(string shopId, IReadOnlySet<string> customerKeys, CancellationToken cancellationToken)
    {
        var ids = customerKeys.Select(CustomerKey.PlatformIdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var hashes = customerKeys.Select(CustomerKey.EmailHashOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var changed = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
        {
            if (row.GetString("Body") is not { Length: > 0 } body) continue;
            var json = JsonNode.Parse(body)!;
            var changes = json["data"]!["changes"]!.AsArray();
            var named = changes.Where(c => ids.Contains(c!["customer_id"]?.GetValue<string>() ?? "\0")
                                           || hashes.Contains(c!["email_hash"]?.GetValue<string>() ?? "\0")).ToList();
            if (named.Count == 0) continue;
            foreach (var change in named) changes.Remove(change);
            if (changes.Count == 0) await Table.DeleteEntityAsync(shopId, row.RowKey, ETag.All, cancellationToken);
            else
            {
                row["Body"] = json.ToJsonString();
                row["Entered"] = changes.Count(c => c!["change"]!.GetValue<string>() == "entered");
                row["Left"] = changes.Count(c => c!["change"]!.GetValue<string>() == "left");
                await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, cancellationToken);
            }
            changed++;
        }
        return changed;
    }

    public async Task<int> RemoveShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await Table.DeleteEntityAsync(shopId, row.RowKey, ETag.All, cancellationToken);
            removed++;
        }
        return removed;
    }

    private static AudienceDeliveryRecord FromEntity(TableEntity row) => new(
        new AudienceDelivery(row.PartitionKey, row.GetString("SubscriptionId"), row.RowKey, row.GetString("Audience"),
            DateOnly.ParseExact(row.GetString("Night"), "yyyy-MM-dd", CultureInfo.InvariantCulture), row.GetInt32("Batch") ?? 1,
            row.GetInt32("Batches") ?? 1, row.GetInt32("Entered") ?? 0, row.GetInt32("Left") ?? 0, row.GetString("Body") ?? ""),
        row.GetString("Status"), row.GetInt32("Attempts") ?? 0, row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
        row.GetDateTimeOffset("FirstAttemptAt"), row.GetDateTimeOffset("LastAttemptAt"), row.GetString("LastResult"));
}
