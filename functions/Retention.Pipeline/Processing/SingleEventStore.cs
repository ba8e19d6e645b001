using Microsoft.Extensions.Logging;
using Retention.Core.Feedback;
using Retention.Core.Orders;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Products;
using Retention.Core.Products;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;
using Retention.Core.Events;
using Retention.Pipeline.Shopify;
using Retention.Pipeline.WooCommerce;
using Retention.Core.Shopify;
using Retention.Core.WooCommerce;

namespace Retention.Pipeline.Processing;

/// <summary>What processing one queued event did: for an order, whether the stored version changed.</summary>
public sealed record ProcessedEvent(string Kind, OrderUpsertResult? Order);

/// <summary>
/// One event's processing (<see cref="OrderEventsDispatch"/> hands it single messages): read the pointer and the archived body, normalize it by its
/// platform, and store it (orders by their version rule, survey answers by answer id, Shopify refunds and deletions
/// against the stored order, products into the shop's catalog); Shopify compliance requests go to <see cref="ShopifyPrivacyProcessor"/>. Safe to run any
/// number of times and in any order. Anything that cannot succeed throws, so the host retries it and, after the fifth
/// dequeue, parks it in the poison queue.
/// </summary>
public sealed partial class SingleEventStore(
    ShopDirectory shops,
    ShopCredentialStore credentials,
    RawEventArchive archive,
    OrderTable orders,
    FeedbackTable feedback,
    WooCommerceOrderDeletionHandler wooDeletions,
    ShopifyRefundHandler shopifyRefunds,
    ShopifyOrderDeletionHandler shopifyDeletions,
    ShopifyPrivacyProcessor privacy,
    ProductCatalogTable products,
    RetentionTracing tracing,
    ILogger<SingleEventStore> logger)
{
    public Task<ProcessedEvent> ProcessAsync(string messageText, CancellationToken cancellationToken) =>
        ProcessAsync(OrderEventMessage.Parse(messageText), cancellationToken);

    /// <param name="archived">the archived body when the caller holds it (an event of an intake batch); else it is read from <c>message.Blob</c>.</param>
    public async Task<ProcessedEvent> ProcessAsync(OrderEventMessage message, CancellationToken cancellationToken, BinaryData? archived = null)
    {
        if (message.Kind == ShopifyPrivacyRequest.EventKind)
        {
            // Before the shop lookup: a shop's erasure removes its row, and its request must still complete on a retry.
            await privacy.ProcessAsync(message, cancellationToken);
            return new ProcessedEvent(message.Kind, null);
        }
        var shop = await shops.FindAsync(message.Shop, cancellationToken)
            ?? throw new InvalidDataException($"shop '{message.Shop}' is not registered");
        var secrets = credentials.Find(shop.Id)
            ?? throw new InvalidOperationException($"shop '{shop.Id}' has no credentials in settings");
        var body = (archived ?? await archive.ReadAsync(message.Blob, cancellationToken)
            ?? throw new InvalidDataException($"raw event blob '{message.Blob}' does not exist")).ToMemory();
        var context = new ShopContext(shop.Id, shop.Currency, secrets.CustomerIdSalt);

        if (OrderEventKinds.Normalize(message.Kind, body, context, message.EventId) is { } normalized)
        {
            var stored = await StoreOrderAsync(message, normalized, cancellationToken);
            // A refunds/create that came before its order waits for it; now that the order is stored it applies.
            if (message.Kind == ShopifyOrderNormalizer.EventKind)
                await shopifyRefunds.ApplyHeldAsync(shop.Id, normalized.Order!.OrderId, cancellationToken);
            return stored;
        }
        switch (message.Kind)
        {
            case ShopifyRefundNormalizer.EventKind:
                var refund = await shopifyRefunds.ProcessAsync(context, body, message.EventId, cancellationToken);
                return new ProcessedEvent(message.Kind, refund switch
                {
                    RefundOutcome.Applied => OrderUpsertResult.Replaced,
                    RefundOutcome.NothingToApply => OrderUpsertResult.KeptNewer,
                    _ => null,
                });
            case ShopifyOrderDeletion.EventKind:
                await shopifyDeletions.ProcessAsync(shop.Id, body, message.EventId, cancellationToken);
                return new ProcessedEvent(message.Kind, null);
            case WooCommerceOrderDeletion.EventKind:
                return new ProcessedEvent(message.Kind, await wooDeletions.ProcessAsync(shop.Id, body, message.EventId, cancellationToken));
            case ShopifyProductNormalizer.EventKind or WooCommerceProductNormalizer.EventKind:
                var (change, problem) = ProductChange.Read(body);
                var product = await products.UpsertAsync(shop.Id, change ?? throw DoesNotNormalize(message, problem), cancellationToken);
                LogProductProcessed(logger, shop.Id, change.ProductId, message.Kind, message.EventId, product);
                return new ProcessedEvent(message.Kind, null);
            case FeedbackNormalizer.EventKind:
                var answer = FeedbackNormalizer.Normalize(body, context, message.EventId);
                await feedback.UpsertAsync(answer.Response ?? throw DoesNotNormalize(message, answer.Problem), cancellationToken);
                return new ProcessedEvent(message.Kind, null);
            default:
                throw new InvalidDataException($"no normalizer for platform '{message.Kind}'");
        }
    }

    /// <summary>Every platform's order ends the same way: the version rule of <see cref="OrderTable.UpsertAsync"/>.</summary>
    private async Task<ProcessedEvent> StoreOrderAsync(OrderEventMessage message, OrderNormalization normalized, CancellationToken cancellationToken)
    {
        var order = normalized.Order ?? throw DoesNotNormalize(message, normalized.Problem);
        OrderUpsertResult result;
        using (tracing.StartStage(RetentionTracing.OrdersWrite, ("retention.shop", message.Shop), ("retention.event_id", message.EventId),
                   ("retention.orders", 1)))
            result = await orders.UpsertAsync(order, cancellationToken);
        LogOrderProcessed(logger, message.Shop, order.OrderId, message.Kind, message.EventId, result);
        return new ProcessedEvent(message.Kind, result);
    }

    /// <summary>An archived event that no longer normalizes cannot succeed on a retry: it goes to the poison queue with this reason.</summary>
    private static InvalidDataException DoesNotNormalize(OrderEventMessage message, EventProblem? problem) =>
        new($"event {message.EventId} does not normalize: {problem}");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Product {Shop}/{Product} from {Kind} event {Event}: {Result}")]
    private static partial void LogProductProcessed(ILogger logger, string shop, string product, string kind, string @event, ProductUpsertResult result);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Shop}/{Order} from {Platform} event {Event}: {Result}")]
    private static partial void LogOrderProcessed(ILogger logger, string shop, string order, string platform, string @event, OrderUpsertResult result);
}
