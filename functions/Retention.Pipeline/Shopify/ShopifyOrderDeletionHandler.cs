using Microsoft.Extensions.Logging;
using Retention.Pipeline.Storage;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Shopify;

/// <summary>
/// The queue processor's work for an archived <c>orders/delete</c> (<see cref="ShopifyOrderDeletion"/>): the stored
/// order's row is deleted, so no later snapshot counts it, and refunds held for it are released. Deleting an order
/// that is not stored (deleted twice, or never stored here) changes nothing. Its raw events stay in the archive, as
/// the record of what was received, until the customer or the shop is erased.
/// </summary>
public sealed partial class ShopifyOrderDeletionHandler(OrderTable orders, PendingRefundTable held, ILogger<ShopifyOrderDeletionHandler> logger)
{
    /// <returns>true when a stored order was deleted.</returns>
    /// <exception cref="InvalidDataException">the archived record is not a deletion (cannot succeed on a retry).</exception>
    public async Task<bool> ProcessAsync(string shopId, ReadOnlyMemory<byte> archived, string eventId, CancellationToken cancellationToken)
    {
        var (orderId, problem) = ShopifyOrderDeletion.Read(archived);
        if (orderId is null) throw new InvalidDataException($"event {eventId} is not a Shopify order deletion: {problem}");
        var deleted = await orders.DeleteAsync(shopId, orderId, cancellationToken);
        await held.ReleaseOrderAsync(shopId, orderId, cancellationToken);
        if (deleted) LogOrderDeleted(logger, shopId, orderId, eventId);
        else LogOrderDeletedNotStored(logger, shopId, orderId, eventId);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify order {Shop}/{Order} deleted (event {Event})")]
    private static partial void LogOrderDeleted(ILogger logger, string shop, string order, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify order {Shop}/{Order} deleted (event {Event}) but not stored here; nothing to delete")]
    private static partial void LogOrderDeletedNotStored(ILogger logger, string shop, string order, string @event);
}
