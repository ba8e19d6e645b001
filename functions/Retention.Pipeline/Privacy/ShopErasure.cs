using Microsoft.Extensions.Logging;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Ledger;
using Retention.Core.Datasets;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// <c>shop/redact</c> (48 hours after the shop uninstalled the app): deletes everything held about the shop. First its
/// registration row, so the nightly job stops writing snapshots for it and its webhooks are no longer accepted; then its
/// raw events, orders, survey answers, held refunds, spend, product catalog, snapshots, snapshot datasets and exports. Every key of
/// every one of those starts with the shop id, so nothing of another shop is read or touched. The privacy audit stays:
/// it names no one, and it is the record that the shop was erased. Each step is saved to the audit as it ends.
/// </summary>
public sealed partial class ShopErasure(
    RetentionStorage storage,
    ShopDirectory shops,
    TableRowEraser tables,
    OrderLedgerStore ledgers,
    ExportErasure exportFiles,
    AudienceTable audiences,
    AudienceStayStore audienceStays,
    AudienceSubscriptionTable audienceSubscriptions,
    AudienceDeliveryTable audienceDeliveries,
    PrivacyAuditTable audit,
    ILogger<ShopErasure> logger)
{
    /// <param name="request">the blob of the shop/redact request itself: kept until the request is completed, so a retry can read it.</param>
    public async Task<PrivacyAuditEntry> EraseAsync(string shopId, string request, PrivacyAuditEntry entry, CancellationToken cancellationToken)
    {
        var registration = await shops.DeleteAsync(shopId, cancellationToken) ? 1 : 0;
        entry = await audit.CountAsync(entry, new PrivacyCounts(OtherRows: registration), cancellationToken);

        var raw = await RawEventSweep.DeleteShopAsync(storage.RawEvents, shopId, cancellationToken, keep: request);
        entry = await audit.CountAsync(entry, new PrivacyCounts(RawEvents: raw), cancellationToken);

        // In 100-row transactions over the keys alone (the partitions are "{shop}:{bucket}"), not an order read and a delete
        // and a change-log row each: the change log and the ledger go with the shop below, so nothing needs to know which
        // orders changed. A million orders: 10,000 requests instead of 3,000,000.
        var orderRows = await tables.ErasePartitionsStartingWithAsync(StorageNames.OrdersTable, shopId + ":", cancellationToken);
        entry = await audit.CountAsync(entry, new PrivacyCounts(OrderRows: orderRows), cancellationToken);

        var answers = await tables.ErasePartitionAsync(StorageNames.FeedbackTable, shopId, cancellationToken);
        entry = await audit.CountAsync(entry, new PrivacyCounts(FeedbackRows: answers), cancellationToken);

        var other = 0;
        foreach (var table in new[] { StorageNames.PendingRefundsTable, StorageNames.RetentionSpendTable, StorageNames.SnapshotsTable, StorageNames.ProductsTable,
                     StorageNames.ShopActivityTable, StorageNames.NightRunsTable })
            other += await tables.ErasePartitionAsync(table, shopId, cancellationToken);
        // The datasets' partitions are "{shop}:{yyyy-MM-dd}"; the colon keeps "shop-a" from matching "shop-ab".
        foreach (var table in NightlyDatasets.DayPartitionTables.Append(StorageNames.OrderChangesTable))
            other += await tables.ErasePartitionsStartingWithAsync(table, shopId + ":", cancellationToken);
        other += await audiences.RemoveShopAsync(shopId, cancellationToken) + await audienceStays.RemoveShopAsync(shopId, cancellationToken)
                 + await audienceSubscriptions.RemoveShopAsync(shopId, cancellationToken) + await audienceDeliveries.RemoveShopAsync(shopId, cancellationToken);
        await ledgers.DiscardAsync(shopId, cancellationToken);
        var exports = await RawEventSweep.DeleteShopAsync(storage.PrivacyExports, shopId, cancellationToken)
                      + await exportFiles.DeleteShopAsync(shopId, cancellationToken);
        entry = await audit.CountAsync(entry, new PrivacyCounts(OtherRows: other, Exports: exports), cancellationToken);

        LogShopErased(logger, shopId, entry.WebhookId, entry.Deleted.OrderRows, entry.Deleted.RawEvents, entry.Deleted.OtherRows);
        return entry;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shop {Shop} erased (webhook {Webhook}): {Orders} order rows, {Raw} raw events, {Other} other rows")]
    private static partial void LogShopErased(ILogger logger, string shop, string webhook, int orders, int raw, int other);
}
