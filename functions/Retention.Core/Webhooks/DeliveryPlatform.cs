using Retention.Core.Feedback;
using Retention.Core.Generic;
using Retention.Core.Shopify;
using Retention.Core.WooCommerce;

namespace Retention.Core.Webhooks;

/// <summary>
/// The platform a delivery came from, by the kind of its event: every Shopify topic is <c>shopify</c>, every WooCommerce
/// one <c>woocommerce</c>, the generic order webhook <c>generic</c>, and survey answers <c>feedback</c> (their route of
/// their own). What <c>retention status</c> says each shop last heard from.
/// </summary>
public static class DeliveryPlatform
{
    public const string Generic = GenericOrderNormalizer.EventKind;
    public const string Shopify = ShopifyOrderNormalizer.EventKind;
    public const string WooCommerce = WooCommerceOrderNormalizer.EventKind;
    public const string Feedback = FeedbackNormalizer.EventKind;

    /// <returns>the platform, or the kind itself for a kind this does not know (a new one is then still told apart).</returns>
    public static string Of(string eventKind) => eventKind switch
    {
        ShopifyOrderNormalizer.EventKind or ShopifyRefundNormalizer.EventKind or ShopifyOrderDeletion.EventKind
            or ShopifyPrivacyRequest.EventKind or ShopifyProductNormalizer.EventKind => Shopify,
        WooCommerceOrderNormalizer.EventKind or WooCommerceOrderDeletion.EventKind or WooCommerceProductNormalizer.EventKind => WooCommerce,
        _ => eventKind,
    };
}
