using System.Globalization;
using Azure.Data.Tables;
using Retention.Core.Spend;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Spend;

/// <summary>
/// The <c>retentionspend</c> table: PartitionKey = shop, RowKey = <c>{yyyy-MM}:{entry id}</c>. One shop's spend is
/// one partition, in month order; recording an entry with the same id again replaces it, so a redelivered
/// webhook is counted once. An entry with a <c>Channel</c> is acquisition spend, one without is retention spend
/// (<see cref="RetentionSpendEntry"/>): rows written before channels existed have none, and stay retention spend.
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
            ["Channel"] = entry.Channel,
            ["Audience"] = entry.Audience,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Each month's total retention spend for the shop (entries without a channel), in month order.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, decimal>> MonthlyTotalsAsync(string shopId, CancellationToken cancellationToken) =>
        (await ReadTotalsAsync(shopId, cancellationToken)).Retention;

    /// <summary>The shop's spend as the night reads it, in one partition read: retention spend per month, acquisition spend per channel and month.</summary>
    public async Task<ShopSpend> ReadTotalsAsync(string shopId, CancellationToken cancellationToken)
    {
        var retention = new SortedDictionary<DateOnly, decimal>();
        var audiences = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var channels = new SortedDictionary<(string Channel, DateOnly Month), decimal>(Comparer<(string Channel, DateOnly Month)>.Create(
            (a, b) => string.CompareOrdinal(a.Channel, b.Channel) is var c and not 0 ? c : a.Month.CompareTo(b.Month)));
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
        {
            if (!RetentionSpendEntry.TryParseMonth(row.GetString("Month"), out var month)) continue;
            var amount = decimal.Parse(row.GetString("Amount"), CultureInfo.InvariantCulture);
            if (row.GetString("Channel") is { Length: > 0 } channel) channels[(channel, month)] = channels.GetValueOrDefault((channel, month)) + amount;
            else retention[month] = retention.GetValueOrDefault(month) + amount;
            if (row.GetString("Audience") is { Length: > 0 } audience) audiences[audience] = audiences.GetValueOrDefault(audience) + amount;
        }
        return new ShopSpend(retention, [.. channels.Select(c => new ChannelSpend(c.Key.Channel, c.Key.Month, c.Value))]) { Audiences = audiences };
    }
}
