using Retention.Core.Orders;
using Retention.Core.Events;
using Retention.Core.Generic;
using Retention.Core.Shopify;
using Retention.Core.WooCommerce;

namespace Retention.Pipeline.Processing;

/// <summary>The platforms whose events are whole orders, stored by the version rule, and their normalizers.</summary>
public static class OrderEventKinds
{
    /// <returns>the normalized order (or the problem), or null when the platform's events are not orders.</returns>
    public static OrderNormalization? Normalize(string platform, ReadOnlyMemory<byte> archived, ShopContext shop, string eventId) => platform switch
    {
        GenericOrderNormalizer.EventKind => GenericOrderNormalizer.Normalize(archived, shop, eventId),
        ShopifyOrderNormalizer.EventKind => ShopifyOrderNormalizer.Normalize(archived, shop, eventId),
        WooCommerceOrderNormalizer.EventKind => WooCommerceOrderNormalizer.Normalize(archived, shop, eventId),
        _ => null,
    };
}
