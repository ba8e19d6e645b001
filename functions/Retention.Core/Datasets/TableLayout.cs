namespace Retention.Core.Datasets;

/// <summary>Where a dataset's rows sit in Table storage (<c>docs/storage.md</c>).</summary>
public enum TableLayout
{
    /// <summary>PartitionKey <c>{shop}:{yyyy-MM-dd}</c>, RowKey from the dataset's key: a day is one partition query.</summary>
    DayPartition,

    /// <summary>
    /// One row per shop and day, PartitionKey shop, RowKey <c>yyyy-MM-dd</c>: a shop's history is one partition scan. The
    /// <c>snapshots</c> table, whose row is also the day's commit record.
    /// </summary>
    DayRow,
}
