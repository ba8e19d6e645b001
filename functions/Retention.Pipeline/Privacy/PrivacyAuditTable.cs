using Azure.Data.Tables;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// The <c>privacyaudit</c> table: PartitionKey = shop, RowKey = escaped <c>X-Shopify-Webhook-Id</c>, one row per
/// compliance request, written when processing starts, after each step, and when it is done
/// (<see cref="PrivacyAuditEntry"/>). A row with no <c>CompletedAt</c> is a request still being worked on or failing;
/// a completed row makes a redelivery a no-op. A completed erasure also has <c>CompleteEverywhereBy</c>: when what it
/// erased is gone from the blobs' soft delete too. Kept when the shop is erased: it is the record that it was.
/// </summary>
public sealed class PrivacyAuditTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.PrivacyAuditTable);

    public async Task SaveAsync(PrivacyAuditEntry entry, CancellationToken cancellationToken)
    {
        var row = new TableEntity(entry.ShopId, TableKey.Escape(entry.WebhookId))
        {
            ["Topic"] = entry.Topic,
            ["WebhookId"] = entry.WebhookId,
            ["ReceivedAt"] = entry.ReceivedAt.ToUniversalTime(),
            ["CompletedAt"] = entry.CompletedAt?.ToUniversalTime(),
            ["ShopifyShopId"] = entry.ShopifyShopId,
            ["DataRequestId"] = entry.DataRequestId,
            ["CustomerPseudonyms"] = entry.CustomerPseudonyms.Count == 0 ? null : string.Join(' ', entry.CustomerPseudonyms),
            ["OrdersNamed"] = entry.OrdersNamed,
            ["OrderRowsDeleted"] = entry.Deleted.OrderRows,
            ["FeedbackRowsDeleted"] = entry.Deleted.FeedbackRows,
            ["RawEventsDeleted"] = entry.Deleted.RawEvents,
            ["OtherRowsDeleted"] = entry.Deleted.OtherRows,
            ["ExportsDeleted"] = entry.Deleted.Exports,
            ["ExportBlob"] = entry.ExportBlob,
            ["OrdersExported"] = entry.OrdersExported,
            ["FeedbackExported"] = entry.FeedbackExported,
            ["CompleteEverywhereBy"] = entry.CompleteEverywhereBy?.ToUniversalTime(),
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Adds what a step deleted and saves the entry, so the audit of a request that fails later shows what it got done.</summary>
    public async Task<PrivacyAuditEntry> CountAsync(PrivacyAuditEntry entry, PrivacyCounts done, CancellationToken cancellationToken)
    {
        var next = entry.Counting(done);
        await SaveAsync(next, cancellationToken);
        return next;
    }

    public async Task<PrivacyAuditEntry?> FindAsync(string shopId, string webhookId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(shopId, TableKey.Escape(webhookId), cancellationToken: cancellationToken);
        return response.HasValue ? FromRow(response.Value!) : null;
    }

    public async Task<IReadOnlyList<PrivacyAuditEntry>> ReadShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var entries = new List<PrivacyAuditEntry>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
            entries.Add(FromRow(row));
        return [.. entries.OrderBy(e => e.ReceivedAt)];
    }

    private static PrivacyAuditEntry FromRow(TableEntity row) => new(
        row.PartitionKey,
        row.GetString("WebhookId"),
        row.GetString("Topic"),
        row.GetDateTimeOffset("ReceivedAt")!.Value,
        row.GetDateTimeOffset("CompletedAt"),
        row.GetString("ShopifyShopId"),
        row.GetString("DataRequestId"),
        row.GetString("CustomerPseudonyms")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        row.GetInt32("OrdersNamed") ?? 0,
        new PrivacyCounts(row.GetInt32("OrderRowsDeleted") ?? 0, row.GetInt32("FeedbackRowsDeleted") ?? 0, row.GetInt32("RawEventsDeleted") ?? 0,
            row.GetInt32("OtherRowsDeleted") ?? 0, row.GetInt32("ExportsDeleted") ?? 0),
        row.GetString("ExportBlob"),
        row.GetInt32("OrdersExported") ?? 0,
        row.GetInt32("FeedbackExported") ?? 0,
        row.GetDateTimeOffset("CompleteEverywhereBy"));
}
