using System.Globalization;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Snapshots;
using Retention.Core.Datasets;

namespace Retention.Tests.Faults;

/// <summary>
/// What processing left for a shop, as lines of text in which the shop's id is replaced by <c>{shop}</c>: a shop whose
/// processor was killed and one that ran undisturbed then compare line by line. The storage's own columns (Timestamp,
/// ETag) are left out; so is the orders' Fingerprint, a hash over the shop id with the order.
/// </summary>
internal static class ProcessorKillState
{
    /// <summary>Every orders row of the shop: its bucket, row key and every business column.</summary>
    public static async Task<List<string>> OrderRowsAsync(RetentionStorage storage, string shopId)
    {
        var rows = new List<string>();
        var table = storage.Table(StorageNames.OrdersTable);
        for (var bucket = 0; bucket < OrderTable.Buckets; bucket++)
        {
            var key = OrderTable.PartitionKey(shopId, bucket);
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == key))
                rows.Add($"{bucket:D2}|{row.RowKey}|{Columns(row, shopId, "Fingerprint")}");
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The orders the shop's change log names, whatever the day (a run may cross midnight).</summary>
    public static async Task<SortedSet<string>> ChangedOrderIdsAsync(RetentionStorage storage, string shopId)
    {
        var changes = await new OrderChangeLog(storage, TimeProvider.System).ReadAsync(shopId, DateOnly.MinValue, DateOnly.MaxValue, default);
        return new SortedSet<string>(changes.OrderIds, StringComparer.Ordinal);
    }

    /// <summary>Every row of every snapshot dataset of the day, without the run id that tells one night's rows from another's.</summary>
    public static async Task<List<string>> SnapshotDatasetRowsAsync(SnapshotDayWriter writer, string shopId, DateOnly asOf)
    {
        var rows = new List<string>();
        foreach (var table in NightlyDatasets.DayPartitionTables)
            foreach (var row in await writer.ReadDayAsync(table, shopId, asOf, default))
                rows.Add($"{table}|{row.RowKey.Replace(shopId, "{shop}", StringComparison.Ordinal)}|{Columns(row, shopId, SnapshotDayWriter.RunIdProperty)}");
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Columns(TableEntity row, string shopId, params string[] skip) =>
        string.Join(",", row
            .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && !skip.Contains(p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={Text(p.Value).Replace(shopId, "{shop}", StringComparison.Ordinal)}"));

    /// <summary>Times to the tick: the invariant culture's default drops the fraction of a second.</summary>
    private static string Text(object? value) => value switch
    {
        DateTimeOffset at => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTime at => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
