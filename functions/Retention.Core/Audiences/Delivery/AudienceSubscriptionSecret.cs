using System.Security.Cryptography;
using System.Text;
using Retention.Core.Webhooks;

namespace Retention.Core.Audiences.Delivery;

/// <summary>
/// A subscription's Standard Webhooks secret: HMAC-SHA256 keyed with the shop's own webhook secret over
/// <c>audience-subscription \n {subscription id}</c>, as <c>whsec_{base64}</c>. Derived, not stored: no new secret sits in
/// a table, each subscription has its own (a receiver's secret opens no other subscription and not the shop's intake),
/// and it is the same on every instance. Rotating it is subscribing again and unsubscribing the old one.
/// </summary>
public static class AudienceSubscriptionSecret
{
    public static string Derive(string shopWebhookSecret, string subscriptionId)
    {
        if (!StandardWebhookSignature.TryDecodeSecret(shopWebhookSecret, out var key))
            throw new ArgumentException("the shop's webhook secret is not a whsec_ secret", nameof(shopWebhookSecret));
        var derived = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("audience-subscription\n" + subscriptionId));
        return "whsec_" + Convert.ToBase64String(derived);
    }
}
