using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Retention.Core.Datasets;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// What a customer's erasure does to the stored days: their rows of the datasets that name customers
/// (<see cref="NightlyDatasets.NamingCustomers"/>: in the tables the key customers and the audiences' entrants) are deleted from every day of the shop, and
/// each such day's summary row counts one row fewer in <c>DatasetRows</c>, so the reader's rule ("the day is whole when
/// it has that many rows") still holds. The files get the same cut (<c>ExportErasure</c>).
/// </summary>
public sealed class SnapshotCustomerErasure(RetentionStorage storage, SnapshotTable summaries)
{
    /// <returns>the rows deleted.</returns>
    public async Task<int> RemoveCustomersAsync(string shopId, IReadOnlySet<string> customerKeys, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var dataset in NightlyDatasets.NamingCustomers)
            deleted += await RemoveAsync(dataset, shopId, customerKeys, cancellationToken);
        return deleted;
    }

    private async Task<int> RemoveAsync(Dataset dataset, string shopId, IReadOnlySet<string> customerKeys, CancellationToken cancellationToken)
    {
        var table = storage.Table(dataset.Table);
        var property = DatasetTableRow.PropertyName("customer_key");
        var deleted = 0;
        foreach (var key in customerKeys)
        {
            // Every day of the shop is the partition range "{shop}:" .. "{shop};" (';' follows ':'); the key quoted by the SDK.
            var filter = TableClient.CreateQueryFilter($"PartitionKey ge {shopId + ":"} and PartitionKey lt {shopId + ";"}") +
                         $" and {property} eq {TableClient.CreateQueryFilter($"{key}")}";
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                var day = DateOnly.ParseExact(row.PartitionKey[(shopId.Length + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                await summaries.CountRowRemovedAsync(shopId, day, dataset.Table, cancellationToken);
                deleted++;
            }
        }
        return deleted;
    }
}
