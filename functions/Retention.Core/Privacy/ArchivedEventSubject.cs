using Retention.Core.Feedback;
using Retention.Core.Orders;
using Retention.Core.Generic;
using Retention.Core.Shopify;
using Retention.Core.WooCommerce;

namespace Retention.Core.Privacy;

/// <summary>
/// Whom an archived raw event is about: the order it belongs to and the customer it names, read with the same
/// normalizer that stores it, so the answer is exactly the order id and customer key of the stored row. The claim
/// check writes it into the blob's metadata when it archives an event, and a customer's erasure compares metadata
/// (or, for blobs archived before the metadata existed, reads the body with this same code).
/// </summary>
public sealed record ArchivedEventSubject(string? OrderId, string? CustomerKey)
{
    /// <returns>the subject, or null for a platform whose events name no order or customer (or a body that no longer normalizes).</returns>
    public static ArchivedEventSubject? Read(string platform, ReadOnlyMemory<byte> archived, ShopContext shop)
    {
        switch (platform)
        {
            case GenericOrderNormalizer.EventKind:
                return Of(GenericOrderNormalizer.Normalize(archived, shop, "").Order);
            case ShopifyOrderNormalizer.EventKind:
                return Of(ShopifyOrderNormalizer.Normalize(archived, shop, "").Order);
            case WooCommerceOrderNormalizer.EventKind:
                return Of(WooCommerceOrderNormalizer.Normalize(archived, shop, "").Order);
            case FeedbackNormalizer.EventKind:
                return FeedbackNormalizer.Normalize(archived, shop, "").Response is { } answer ? new(null, answer.CustomerKey) : null;
            case ShopifyRefundNormalizer.EventKind:
                return ShopifyRefundNormalizer.Normalize(archived, shop, "").Refund is { } refund ? new(refund.OrderId, null) : null;
            case ShopifyOrderDeletion.EventKind:
                return ShopifyOrderDeletion.Read(archived).OrderId is { } deleted ? new(deleted, null) : null;
            case WooCommerceOrderDeletion.EventKind:
                return WooCommerceOrderDeletion.Read(archived).Deletion is { } deletion ? new(deletion.OrderId, null) : null;
            default:
                return null;
        }
    }

    private static ArchivedEventSubject? Of(NormalizedOrder? order) => order is null ? null : new(order.OrderId, order.CustomerKey);
}
