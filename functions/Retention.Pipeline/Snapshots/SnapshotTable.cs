using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Retention.Core.Datasets;
using Retention.Core.Nightly;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// The <c>snapshots</c> table: PartitionKey = shop, RowKey = as-of date (yyyy-MM-dd), one row per shop and
/// day, so a BI tool reads one day with a point query and a shop's history with one partition scan.
/// The row is the day's commit record: a run withdraws it (<see cref="WithdrawAsync"/>) before it writes the day's
/// dataset rows and saves it after them, naming itself (<see cref="SnapshotRun"/>), so a reader who finds it finds
/// that run's rows whole (<c>docs/storage.md</c>, "Reading a day").
/// </summary>
public sealed class SnapshotTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.SnapshotsTable);

    /// <summary>The summary row's JSON of dataset table name → rows the committed run wrote to it.</summary>
    public const string DatasetRowsProperty = "DatasetRows";

    public static string RowKey(DateOnly asOf) => asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Removes the day's summary row, if any: from now until the next save the day is not there for readers.</summary>
    public async Task WithdrawAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(shopId, RowKey(asOf), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No row (a first run, or a run that died after withdrawing it): already withdrawn.
        }
    }

    /// <summary>
    /// Writes the day's summary row: the <c>kpis</c> dataset's one row (<see cref="DatasetTableRow"/>), with the run whose
    /// dataset rows it commits and how many it wrote to each table.
    /// </summary>
    public async Task SaveAsync(DatasetRows kpis, string shopId, DateOnly asOf, SnapshotRun run, CancellationToken cancellationToken)
    {
        if (kpis.Dataset != NightlyDatasets.Kpis) throw new ArgumentException($"the summary row holds {NightlyDatasets.Kpis}, not {kpis.Name}");
        var entity = DatasetTableRow.ToEntity(kpis.Dataset, kpis.Rows.Single(), shopId, RowKey(asOf));
        entity[SnapshotDayWriter.RunIdProperty] = run.RunId;
        entity[DatasetRowsProperty] = JsonSerializer.Serialize(run.DatasetRows);
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Lowers the day's count of one dataset table's rows by one, after such a row was deleted (a customer's erasure), so
    /// the reader's rule (the day is whole when it has that many rows) still holds. A day without a summary (being written
    /// again) is left alone; a summary rewritten meanwhile is read again.
    /// </summary>
    public async Task CountRowRemovedAsync(string shopId, DateOnly asOf, string tableName, CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(shopId, RowKey(asOf), [DatasetRowsProperty], cancellationToken);
            if (!found.HasValue) return;
            var summary = found.Value!;
            var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(summary.GetString(DatasetRowsProperty) ?? "{}") ?? [];
            if (!counts.TryGetValue(tableName, out var rows) || rows == 0) return;
            counts[tableName] = rows - 1;
            try
            {
                await Table.UpdateEntityAsync(new TableEntity(shopId, RowKey(asOf)) { [DatasetRowsProperty] = JsonSerializer.Serialize(counts) },
                    summary.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // A night rewrote the summary meanwhile: read it again.
            }
        }
    }

    /// <summary>The day's headline figures, read from its summary row; null when the day is not (or not yet) there.</summary>
    public async Task<HeadlineFigures?> FindAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(shopId, RowKey(asOf), cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var kpis = NightlyDatasets.Kpis;
        var row = DatasetTableRow.FromEntity(kpis, response.Value!);
        int Count(string column) => row[kpis.ColumnIndex(column)] as int? ?? 0;
        decimal Amount(string column) => row[kpis.ColumnIndex(column)] as decimal? ?? 0m;
        return new HeadlineFigures(shopId, asOf, (string)row[kpis.ColumnIndex("currency")]!,
            Count("customers"), Count("new_customers"), Count("repeat_customers"), Count("orders"), Count("orders_on_day"),
            Amount("net_revenue"), Amount("net_revenue_on_day"), Amount("average_order_value"), Amount("repeat_purchase_rate"),
            Amount("purchase_frequency"));
    }
}
