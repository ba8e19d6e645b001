using Retention.Core.Datasets;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Writes a night's datasets to their tables, one partition per shop and day (<see cref="TableLayout.DayPartition"/>),
/// each row derived from the dataset's declaration (<see cref="DatasetTableRow"/>), so a BI tool or a script reads a day
/// of one dataset with one partition query. The <c>kpis</c> dataset's row is the summary row that commits the day
/// (<see cref="SnapshotTable"/>), written after these.
/// </summary>
public sealed class DatasetTables(SnapshotDayWriter writer)
{
    /// <summary>Replaces the day's rows of every dataset table with this run's (each row carrying <paramref name="runId"/>).</summary>
    /// <returns>table name → rows written, for the summary row that commits the run.</returns>
    public async Task<IReadOnlyDictionary<string, int>> WriteAsync(IReadOnlyList<DatasetRows> datasets, string shopId, DateOnly day, string runId,
        CancellationToken cancellationToken)
    {
        var partition = SnapshotDayWriter.PartitionKey(shopId, day);
        var tables = datasets.Where(d => d.Dataset.Layout == TableLayout.DayPartition)
            .Select(d => (d.Dataset.Table, Rows: DatasetTableRow.TableRows(d)
                .Select(row => DatasetTableRow.ToEntity(d.Dataset, row, partition, DatasetTableRow.RowKey(d.Dataset, row))).ToList()))
            .ToList();
        var written = await Task.WhenAll(tables.Select(t => writer.ReplaceDayAsync(t.Table, shopId, day, runId, t.Rows, cancellationToken)));
        return tables.Select((t, i) => (t.Table, Rows: written[i])).ToDictionary(t => t.Table, t => t.Rows, StringComparer.Ordinal);
    }
}
