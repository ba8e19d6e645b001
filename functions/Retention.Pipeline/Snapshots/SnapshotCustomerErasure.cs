using Azure;
using Azure.Data.Tables;
using Retention.Core.Datasets;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// What a customer's erasure does to the stored days: their rows of the per-customer dataset
/// (<see cref="NightlyDatasets.Customers"/>, in the tables the key customers) are deleted from every day of the shop, and
/// each such day's summary row counts one row fewer in <c>DatasetRows</c>, so the reader's rule ("the day is whole when
/// it has that many rows") still holds. The files get the same cut (<c>ExportErasure</c>).
/// </summary>
public sealed class SnapshotCustomerErasure(RetentionStorage storage)
{
    /// <returns>the rows deleted.</returns>
    public async Task<int> RemoveCustomersAsync(string shopId, IReadOnlySet<string> customerKeys, CancellationToken cancellationToken)
    {
        var dataset = NightlyDatasets.Customers;
        var table = storage.Table(dataset.Table);
        var property = DatasetTableRow.PropertyName("customer_key");
        var deleted = 0;
        foreach (var key in customerKeys)
        {
            // Every day of the shop is the partition range "{shop}:" .. "{shop};" (';' follows ':').
            var filter = TableClient.CreateQueryFilter($"PartitionKey ge {shopId + ":"} and PartitionKey lt {shopId + ";"}") +
                         $" and {property} eq '{key.Replace("'", "''", StringComparison.Ordinal)}'";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                await CountOneFewerAsync(shopId, row.PartitionKey[(shopId.Length + 1)..], dataset.Table, cancellationToken);
                deleted++;
            }
        }
        return deleted;
    }

    /// <summary>Lowers the day's count of the table's rows, if the day has a summary (one being written has none yet).</summary>
    private async Task CountOneFewerAsync(string shopId, string day, string tableName, CancellationToken cancellationToken)
    {
        var summaries = storage.Table(StorageNames.SnapshotsTable);
        while (true)
        {
            var found = await summaries.GetEntityIfExistsAsync<TableEntity>(shopId, day, cancellationToken: cancellationToken);
            if (!found.HasValue) return;
            var summary = found.Value!;
            var counts = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(summary.GetString("DatasetRows") ?? "{}") ?? [];
            if (!counts.TryGetValue(tableName, out var rows) || rows == 0) return;
            counts[tableName] = rows - 1;
            try
            {
                await summaries.UpdateEntityAsync(new TableEntity(shopId, day) { ["DatasetRows"] = System.Text.Json.JsonSerializer.Serialize(counts) },
                    summary.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // A night rewrote the summary meanwhile: read it again (its rows no longer include the customer's, or do).
            }
        }
    }
}
