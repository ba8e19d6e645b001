using System.Globalization;
using Azure.Data.Tables;
using Retention.Core.Spend;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Spend;

/// <summary>
/// The <c>retentionspend</c> table: PartitionKey = shop, RowKey = <c>{yyyy-MM}:{entry id}</c>. One shop's spend is
/// one partition, in month order; recording an entry with the same id again replaces it, so a redelivered
/// webhook is counted once.
/// </summary>
public sealed class RetentionSpendTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.RetentionSpendTable);

    public async Task RecordAsync(RetentionSpendEntry entry, CancellationToken cancellationToken)
    {
        var row = new TableEntity(entry.ShopId, $"{RetentionSpendEntry.MonthText(entry.Month)}:{TableKey.Escape(entry.EntryId)}")
        {
            ["Month"] = RetentionSpendEntry.MonthText(entry.Month),
            ["Amount"] = entry.Amount.ToString(CultureInfo.InvariantCulture),
            ["EntryId"] = entry.EntryId,
            ["Note"] = entry.Note,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Each month's total spend for the shop, in month order.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, decimal>> MonthlyTotalsAsync(string shopId, CancellationToken cancellationToken)
    {
        var totals = new SortedDictionary<DateOnly, decimal>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
        {
            if (!RetentionSpendEntry.TryParseMonth(row.GetString("Month"), out var month)) continue;
            totals[month] = totals.GetValueOrDefault(month) + decimal.Parse(row.GetString("Amount"), CultureInfo.InvariantCulture);
        }
        return totals;
    }
}
