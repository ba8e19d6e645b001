using Microsoft.Extensions.Logging;
using Retention.Core.Feedback;
using Retention.Core.Orders;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Processing;

/// <summary>What processing one queued event did: for an order, whether the stored version changed.</summary>
public sealed record ProcessedEvent(string Platform, OrderUpsertResult? Order);

/// <summary>
/// The <c>order-events</c> queue trigger's work: read the pointer and the archived body, normalize it by its
/// platform, and store it (orders by their version rule, survey answers by answer id). Safe to run any number
/// of times and in any order. Anything that cannot succeed throws, so the host retries it and, after the fifth
/// dequeue, parks it in the poison queue.
/// </summary>
public sealed class OrderEventProcessor(
    ShopDirectory shops,
    ShopCredentialStore credentials,
    RawEventArchive archive,
    OrderTable orders,
    FeedbackTable feedback,
    WooCommerceOrderDeletionHandler wooDeletions,
    ILogger<OrderEventProcessor> logger)
{
    public async Task<ProcessedEvent> ProcessAsync(string messageText, CancellationToken cancellationToken)
    {
        var message = QueueMessages.Parse<OrderEventMessage>(messageText);
        var shop = await shops.FindAsync(message.Shop, cancellationToken)
            ?? throw new InvalidDataException($"shop '{message.Shop}' is not registered");
        var secrets = credentials.Find(shop.Id)
            ?? throw new InvalidOperationException($"shop '{shop.Id}' has no credentials in settings");
        var body = await archive.ReadAsync(message.Blob, cancellationToken)
            ?? throw new InvalidDataException($"raw event blob '{message.Blob}' does not exist");
        var context = new ShopContext(shop.Id, shop.Currency, secrets.CustomerIdSalt);

        switch (message.Platform)
        {
            case GenericOrderNormalizer.Platform:
                var normalized = GenericOrderNormalizer.Normalize(body.ToMemory(), context, message.EventId);
                var order = normalized.Order ?? throw new InvalidDataException($"event {message.EventId} does not normalize: {normalized.Problem}");
                var result = await orders.UpsertAsync(order, cancellationToken);
                logger.LogDebug("Order {Shop}/{Order} from event {Event}: {Result}", shop.Id, order.OrderId, message.EventId, result);
                return new ProcessedEvent(message.Platform, result);
            case FeedbackNormalizer.Platform:
                var answer = FeedbackNormalizer.Normalize(body.ToMemory(), context, message.EventId);
                await feedback.UpsertAsync(answer.Response ?? throw new InvalidDataException($"event {message.EventId} does not normalize: {answer.Problem}"),
                    cancellationToken);
                return new ProcessedEvent(message.Platform, null);
            case ShopifyOrderNormalizer.Platform:
                var shopifyNormalized = ShopifyOrderNormalizer.Normalize(body.ToMemory(), context, message.EventId);
                var shopifyOrder = shopifyNormalized.Order ?? throw new InvalidDataException($"event {message.EventId} does not normalize: {shopifyNormalized.Problem}");
                return new ProcessedEvent(message.Platform, await orders.UpsertAsync(shopifyOrder, cancellationToken));
            case WooCommerceOrderNormalizer.Platform:
                var woo = WooCommerceOrderNormalizer.Normalize(body.ToMemory(), context, message.EventId);
                var wooOrder = woo.Order ?? throw new InvalidDataException($"event {message.EventId} does not normalize: {woo.Problem}");
                return new ProcessedEvent(message.Platform, await orders.UpsertAsync(wooOrder, cancellationToken));
            case WooCommerceOrderDeletion.Platform:
                return new ProcessedEvent(message.Platform,
                    await wooDeletions.ProcessAsync(shop.Id, body.ToMemory(), message.EventId, cancellationToken));
            default:
                throw new InvalidDataException($"no normalizer for platform '{message.Platform}'");
        }
    }
}
