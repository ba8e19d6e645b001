using System.Globalization;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// The <c>nightruns</c> table: how each shop's nights ended (<see cref="NightRunRecord"/>). PartitionKey = shop, RowKey =
/// the as-of date counted back from <see cref="DateOnly.MaxValue"/> (<see cref="RowKey"/>), so the partition lists the
/// newest night first and the latest is one row of one query. A night computed again (the queue's retry, a re-run)
/// replaces its day's row: the row says how the last attempt at that day ended.
/// </summary>
public sealed class NightRunTable(RetentionStorage storage)
{
    public const string CompletedOutcome = "completed";
    public const string FailedOutcome = "failed";

    private TableClient Table => storage.Table(StorageNames.NightRunsTable);

    /// <summary>Days from the as-of date to <see cref="DateOnly.MaxValue"/>, seven digits: later days sort first.</summary>
    public static string RowKey(DateOnly asOf) => (DateOnly.MaxValue.DayNumber - asOf.DayNumber).ToString("D7", CultureInfo.InvariantCulture);

    public static string OutcomeName(NightOutcome outcome) => outcome == NightOutcome.Completed ? CompletedOutcome : FailedOutcome;

    public async Task SaveAsync(NightRunRecord run, CancellationToken cancellationToken)
    {
        var row = new TableEntity(run.ShopId, RowKey(run.AsOf))
        {
            ["AsOf"] = SnapshotTable.RowKey(run.AsOf),
            ["Outcome"] = OutcomeName(run.Outcome),
            ["StartedAt"] = run.StartedAt.ToUniversalTime(),
            ["DurationMs"] = (long)run.Duration.TotalMilliseconds,
            ["Orders"] = run.Orders,
            ["Failure"] = run.Failure,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The shop's night of the latest as-of date it ran; null before its first.</summary>
    public async Task<NightRunRecord?> LatestAsync(string shopId, CancellationToken cancellationToken)
    {
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {shopId}"), maxPerPage: 1,
                           cancellationToken: cancellationToken))
            return FromEntity(row);
        return null;
    }

    private static NightRunRecord FromEntity(TableEntity row) => new(
        row.PartitionKey,
        DateOnly.ParseExact(row.GetString("AsOf"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        row.GetString("Outcome") == CompletedOutcome ? NightOutcome.Completed : NightOutcome.Failed,
        row.GetDateTimeOffset("StartedAt") ?? throw new InvalidDataException($"night run {row.PartitionKey}/{row.RowKey} has no StartedAt"),
        TimeSpan.FromMilliseconds(row.GetInt64("DurationMs") ?? 0),
        row.GetInt32("Orders"),
        row.GetString("Failure"));
}
