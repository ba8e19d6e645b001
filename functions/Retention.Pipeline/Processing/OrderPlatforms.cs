using Retention.Core.Orders;

namespace Retention.Pipeline.Processing;

/// <summary>The platforms whose events are whole orders, stored by the version rule, and their normalizers.</summary>
public static class OrderPlatforms
{
    /// <returns>the normalized order (or the problem), or null when the platform's events are not orders.</returns>
    public static OrderNormalization? Normalize(string platform, ReadOnlyMemory<byte> archived, ShopContext shop, string eventId) => platform switch
    {
        GenericOrderNormalizer.Platform => GenericOrderNormalizer.Normalize(archived, shop, eventId),
        ShopifyOrderNormalizer.Platform => ShopifyOrderNormalizer.Normalize(archived, shop, eventId),
        WooCommerceOrderNormalizer.Platform => WooCommerceOrderNormalizer.Normalize(archived, shop, eventId),
        _ => null,
    };
}
