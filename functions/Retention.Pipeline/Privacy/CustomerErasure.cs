using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Ledger;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// <c>customers/redact</c>: deletes everything held about one customer of a shop. Their orders are the rows stored under
/// their keys plus the ones Shopify names in <c>orders_to_redact</c>. In this order, so that an attempt that fails
/// half-way is finished by the next one: their raw events (found through the order ids, which the order rows still
/// give), their order rows, their survey answers (comments and free-text reasons with them), refunds held for their
/// orders, earlier exports of their data, their stays in the audiences, and their rows of the datasets that name customers
/// in the tables and the files (the aggregates stay: they name no one). Each step is saved to the audit as it ends.
/// </summary>
public sealed partial class CustomerErasure(
    RetentionStorage storage,
    OrderTable orders,
    FeedbackTable feedback,
    PendingRefundTable heldRefunds,
    RawEventSweep rawEvents,
    OrderLedgerStore ledgers,
    ExportErasure exportFiles,
    SnapshotCustomerErasure snapshotRows,
    AudienceStayStore audienceStays,
    AudienceDeliveryTable audienceDeliveries,
    PrivacyAuditTable audit,
    ILogger<CustomerErasure> logger)
{
    public async Task<PrivacyAuditEntry> EraseAsync(ShopContext shop, ShopifyPrivacyRequest request, PrivacyAuditEntry entry,
        CancellationToken cancellationToken)
    {
        var keys = request.CustomerKeys.ToHashSet(StringComparer.Ordinal);
        var named = request.OrderIds.ToHashSet(StringComparer.Ordinal);
        var stored = (await orders.ReadShopAsync(shop.ShopId, cancellationToken))
            .Where(o => keys.Contains(o.CustomerKey) || named.Contains(o.OrderId)).Select(o => o.OrderId).ToList();
        var customer = CustomerMatch.Of(keys, stored.Concat(named), shop.CustomerIdSalt);

        var raw = await rawEvents.DeleteCustomerAsync(shop, customer, cancellationToken);
        entry = await audit.CountAsync(entry, new PrivacyCounts(RawEvents: raw), cancellationToken);

        var orderRows = 0;
        foreach (var orderId in stored)
            if (await orders.DeleteAsync(shop.ShopId, orderId, cancellationToken)) orderRows++;
        // The change log named those orders and the shop's ledger holds the customer's key: both go, and a bulk entry
        // makes the next night rebuild the ledger from the orders that remain (even a night racing with this erasure).
        await orders.Changes.ForgetAsync(shop.ShopId, customer.OrderIds, cancellationToken);
        await orders.Changes.RecordBulkAsync(shop.ShopId, cancellationToken);
        await ledgers.DiscardAsync(shop.ShopId, cancellationToken);
        entry = await audit.CountAsync(entry, new PrivacyCounts(OrderRows: orderRows), cancellationToken);

        var answers = 0;
        foreach (var answer in await feedback.ReadShopAsync(shop.ShopId, cancellationToken))
            if (customer.IsCustomer(answer.CustomerKey) && await feedback.DeleteAsync(shop.ShopId, answer.AnswerId, cancellationToken)) answers++;
        entry = await audit.CountAsync(entry, new PrivacyCounts(FeedbackRows: answers), cancellationToken);

        var other = 0;
        foreach (var orderId in customer.OrderIds) other += await heldRefunds.ReleaseOrderAsync(shop.ShopId, orderId, cancellationToken);
        other += await snapshotRows.RemoveCustomersAsync(shop.ShopId, keys, cancellationToken);
        other += await audienceStays.RemoveCustomersAsync(shop.ShopId, keys, cancellationToken);
        other += await audienceDeliveries.RemoveCustomersAsync(shop.ShopId, keys, cancellationToken);
        var exports = await DeleteExportsAsync(shop.ShopId, customer, cancellationToken)
                      + await exportFiles.RemoveCustomersAsync(shop.ShopId, keys, cancellationToken)
                      + await exportFiles.WithdrawReportsAsync(shop.ShopId, keys, cancellationToken);
        entry = await audit.CountAsync(entry, new PrivacyCounts(OtherRows: other, Exports: exports), cancellationToken);

        LogCustomerErased(logger, shop.ShopId, entry.WebhookId, orderRows, answers, entry.Deleted.RawEvents);
        return entry;
    }


    private async Task<int> DeleteExportsAsync(string shopId, CustomerMatch customer, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in storage.PrivacyExports.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, shopId + "/", cancellationToken))
        {
            var pseudonyms = blob.Metadata?.TryGetValue("customer", out var value) == true ? value.Split(' ') : [];
            if (pseudonyms.Any(customer.Pseudonyms.Contains)
                && (await storage.PrivacyExports.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken)).Value)
                deleted++;
        }
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer erased in shop {Shop} (webhook {Webhook}): {Orders} order rows, {Answers} answers, {Raw} raw events")]
    private static partial void LogCustomerErased(ILogger logger, string shop, string webhook, int orders, int answers, int raw);
}
