using Microsoft.Extensions.Logging;
using Retention.Pipeline.Storage;
using Retention.Core.WooCommerce;

namespace Retention.Pipeline.WooCommerce;

/// <summary>
/// The queue processor's work for an archived <c>order.deleted</c> (<see cref="WooCommerceOrderDeletion"/>): the stored
/// order becomes cancelled at the deletion's time. An order never stored here (deleted before this shop's webhook
/// existed, or before its creation was processed) is left alone and logged: there is nothing to cancel.
/// </summary>
public sealed partial class WooCommerceOrderDeletionHandler(OrderTable orders, ILogger<WooCommerceOrderDeletionHandler> logger)
{
    /// <returns>what the upsert did, or null when nothing was written.</returns>
    /// <exception cref="InvalidDataException">the archived record is not a deletion (cannot succeed on a retry).</exception>
    public async Task<OrderUpsertResult?> ProcessAsync(string shopId, ReadOnlyMemory<byte> archived, string eventId,
        CancellationToken cancellationToken)
    {
        var (deletion, problem) = WooCommerceOrderDeletion.Read(archived);
        if (deletion is null) throw new InvalidDataException($"event {eventId} is not a WooCommerce deletion: {problem}");
        var stored = await orders.FindAsync(shopId, deletion.OrderId, cancellationToken);
        if (stored is null)
        {
            LogDeletedNeverStored(logger, shopId, deletion.OrderId, eventId);
            return null;
        }
        var cancelled = WooCommerceOrderDeletion.Apply(stored, deletion, eventId);
        if (cancelled is null) return OrderUpsertResult.KeptNewer;
        return await orders.UpsertAsync(cancelled, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WooCommerce order {Shop}/{Order} deleted (event {Event}) but never stored here; nothing to cancel")]
    private static partial void LogDeletedNeverStored(ILogger logger, string shop, string order, string @event);
}
