using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Processing;

/// <summary>
/// The <c>order-events</c> queue trigger's work: read the pointer and the raw body, normalize, and upsert the
/// order. Safe to run any number of times and in any order (see <see cref="OrderTable.UpsertAsync"/>). Anything
/// that cannot succeed throws, so the host retries it and, after the fifth dequeue, parks it in the poison queue.
/// </summary>
public sealed class OrderEventProcessor(
    ShopDirectory shops,
    ShopCredentialStore credentials,
    RawEventArchive archive,
    OrderTable orders,
    ILogger<OrderEventProcessor> logger)
{
    public async Task<OrderUpsertResult> ProcessAsync(string messageText, CancellationToken cancellationToken)
    {
        var message = QueueMessages.Parse<OrderEventMessage>(messageText);
        var shop = await shops.FindAsync(message.Shop, cancellationToken)
            ?? throw new InvalidDataException($"shop '{message.Shop}' is not registered");
        var secrets = credentials.Find(shop.Id)
            ?? throw new InvalidOperationException($"shop '{shop.Id}' has no credentials in settings");
        var body = await archive.ReadAsync(message.Blob, cancellationToken)
            ?? throw new InvalidDataException($"raw event blob '{message.Blob}' does not exist");
        if (message.Platform != GenericOrderNormalizer.Platform)
            throw new InvalidDataException($"no normalizer for platform '{message.Platform}'");

        var normalized = GenericOrderNormalizer.Normalize(body.ToMemory(), new ShopContext(shop.Id, shop.Currency, secrets.CustomerIdSalt), message.EventId);
        var order = normalized.Order ?? throw new InvalidDataException($"event {message.EventId} does not normalize: {normalized.Problem}");
        var result = await orders.UpsertAsync(order, cancellationToken);
        logger.LogDebug("Order {Shop}/{Order} from event {Event}: {Result}", shop.Id, order.OrderId, message.EventId, result);
        return result;
    }
}
