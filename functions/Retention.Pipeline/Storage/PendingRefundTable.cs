using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Retention.Core.Orders;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Storage;

/// <summary>
/// The <c>pendingrefunds</c> table: Shopify refunds (<c>refunds/create</c>) that arrived before their order was stored.
/// PartitionKey = shop, RowKey = <c>{order id}:{refund id}</c> (both escaped), so one order's held refunds are one
/// range query, which the processor makes after storing each Shopify order. Holding the refund rather than retrying
/// the message matters because the queue gives up after five attempts within seconds, while an order's own webhook can
/// be delayed for hours by Shopify's retries. A row holds no personal data: ids, an amount and a time.
/// </summary>
public sealed class PendingRefundTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.PendingRefundsTable);

    public async Task HoldAsync(ShopifyRefund refund, CancellationToken cancellationToken)
    {
        var row = new TableEntity(refund.ShopId, RowKey(refund.OrderId, refund.Refund.RefundId))
        {
            ["OrderId"] = refund.OrderId,
            ["RefundId"] = refund.Refund.RefundId,
            ["Amount"] = refund.Refund.Amount.ToString(CultureInfo.InvariantCulture),
            ["RefundedAt"] = refund.Refund.RefundedAt.ToUniversalTime(),
            ["SourceEventId"] = refund.SourceEventId,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The refunds held for one order, in refund id order.</summary>
    public async Task<IReadOnlyList<ShopifyRefund>> ForOrderAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        var prefix = OrderPrefix(orderId);
        // ';' follows ':' in ordinal order: the range is exactly the row keys that start with "{order id}:".
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shopId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + ";"}");
        var refunds = new List<ShopifyRefund>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            refunds.Add(new ShopifyRefund(shopId, row.GetString("OrderId"),
                new OrderRefund(row.GetString("RefundId"), decimal.Parse(row.GetString("Amount"), CultureInfo.InvariantCulture),
                    row.GetDateTimeOffset("RefundedAt")!.Value),
                row.GetString("SourceEventId")));
        return [.. refunds.OrderBy(r => r.Refund.RefundId, StringComparer.Ordinal)];
    }

    /// <returns>true when a held refund was removed.</returns>
    public async Task<bool> ReleaseAsync(string shopId, string orderId, string refundId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.DeleteEntityAsync(shopId, RowKey(orderId, refundId), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Releases every refund held for the order (it was deleted, or its customer erased).</summary>
    public async Task<int> ReleaseOrderAsync(string shopId, string orderId, CancellationToken cancellationToken)
    {
        var released = 0;
        foreach (var refund in await ForOrderAsync(shopId, orderId, cancellationToken))
            if (await ReleaseAsync(shopId, orderId, refund.Refund.RefundId, cancellationToken)) released++;
        return released;
    }

    private static string RowKey(string orderId, string refundId) => OrderPrefix(orderId) + Key(refundId);

    private static string OrderPrefix(string orderId) => Key(orderId) + ":";

    /// <summary>Escaped, and ':' too, so the separator can only be the one between the two ids.</summary>
    private static string Key(string id) => TableKey.Escape(id).Replace(":", "%003A", StringComparison.Ordinal);
}
