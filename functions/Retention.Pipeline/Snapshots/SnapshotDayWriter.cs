using Azure;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Writes one shop's rows of one snapshot dataset for one day. Every dataset table is keyed alike:
/// PartitionKey <c>{shop}:{yyyy-MM-dd}</c>, so a reader gets a day with one partition query and never scans
/// another shop or day; RowKey names the cell. Writing a day again replaces it exactly: the new rows are
/// upserted in 100-entity transactions, then rows of the earlier run that no longer exist are deleted. Every row
/// carries <see cref="RunIdProperty"/>, the run that wrote it: while a day is being written again its partition
/// holds rows of two runs, and the run id is how a reader tells them apart (<see cref="SnapshotRun"/>).
/// </summary>
public sealed class SnapshotDayWriter(RetentionStorage storage)
{
    private const int TransactionLimit = 100;
    private const int TransactionsInFlight = 4;

    public const string RunIdProperty = "RunId";

    public static string PartitionKey(string shopId, DateOnly asOf) => $"{shopId}:{SnapshotTable.RowKey(asOf)}";

    /// <summary>Replaces the day's rows with <paramref name="rows"/>, each stamped with <paramref name="runId"/>.</summary>
    /// <returns>the rows written: the day's rows of this run, which the summary row records.</returns>
    public async Task<int> ReplaceDayAsync(string tableName, string shopId, DateOnly asOf, string runId, IReadOnlyList<TableEntity> rows,
        CancellationToken cancellationToken)
    {
        var table = storage.Table(tableName);
        var partition = PartitionKey(shopId, asOf);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            // By position, not key: a row key may be a customer's, and the message reaches the host's logs (docs/telemetry.md).
            if (row.PartitionKey != partition) throw new ArgumentException($"{tableName}: row {keys.Count + 1} is not in partition {partition}");
            if (!keys.Add(row.RowKey)) throw new ArgumentException($"{tableName}: row {keys.Count + 1}'s key appears twice");
        }
        foreach (var row in rows) row[RunIdProperty] = runId;

        await SubmitAsync(table, rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);

        var stale = new List<TableEntity>();
        await foreach (var existing in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["PartitionKey", "RowKey"],
                           cancellationToken: cancellationToken))
            if (!keys.Contains(existing.RowKey)) stale.Add(existing);
        await SubmitAsync(table, stale.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        return rows.Count;
    }

    public async Task<IReadOnlyList<TableEntity>> ReadDayAsync(string tableName, string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var partition = PartitionKey(shopId, asOf);
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Table(tableName).QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            rows.Add(row);
        return rows;
    }

    private static async Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var batches = actions.Chunk(TransactionLimit).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = TransactionsInFlight, CancellationToken = cancellationToken },
            async (batch, ct) => await table.SubmitTransactionAsync(batch, ct));
    }
}
