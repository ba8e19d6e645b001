using Azure;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// Deletes every row of a partition, or of every partition whose key starts with a prefix (a shop's snapshot
/// datasets are one partition per shop and day, <c>{shop}:{yyyy-MM-dd}</c>). Reads keys only, page by page, and deletes
/// them in 100-row transactions (a few at once), so a shop with millions of rows is never held in memory.
/// </summary>
public sealed class TableRowEraser(RetentionStorage storage)
{
    private const int TransactionLimit = 100;
    private const int TransactionsInFlight = 4;

    public Task<int> ErasePartitionAsync(string tableName, string partitionKey, CancellationToken cancellationToken) =>
        EraseAsync(tableName, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken);

    public Task<int> ErasePartitionsStartingWithAsync(string tableName, string prefix, CancellationToken cancellationToken)
    {
        // The first key after every key that starts with the prefix: its last character, plus one.
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        return EraseAsync(tableName, TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {end}"), cancellationToken);
    }

    private async Task<int> EraseAsync(string tableName, string filter, CancellationToken cancellationToken)
    {
        var table = storage.Table(tableName);
        var inFlight = new List<Task<int>>();
        var deleted = 0;
        var batch = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            // A transaction holds one partition only; rows come in key order, so a new partition closes the batch.
            if (batch.Count == TransactionLimit || (batch.Count > 0 && batch[0].PartitionKey != row.PartitionKey))
            {
                inFlight.Add(DeleteAsync(table, batch, cancellationToken));
                batch = [];
                if (inFlight.Count >= TransactionsInFlight) deleted += await Finished(inFlight);
            }
            batch.Add(row);
        }
        if (batch.Count > 0) inFlight.Add(DeleteAsync(table, batch, cancellationToken));
        foreach (var task in inFlight) deleted += await task;
        return deleted;
    }

    private static async Task<int> Finished(List<Task<int>> inFlight)
    {
        var done = await Task.WhenAny(inFlight);
        inFlight.Remove(done);
        return await done;
    }

    private static async Task<int> DeleteAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)),
                cancellationToken);
            return rows.Count;
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // One of them went meanwhile (a rerun of the same erasure): the rest one by one.
            var deleted = 0;
            foreach (var row in rows)
            {
                try
                {
                    if ((await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken)).Status != 404) deleted++;
                }
                catch (RequestFailedException inner) when (inner.Status == 404)
                {
                }
            }
            return deleted;
        }
    }
}
