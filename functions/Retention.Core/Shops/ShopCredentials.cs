using System.Security.Cryptography;

namespace Retention.Core.Shops;

/// <summary>
/// A shop's secret material: the Standard Webhooks secret (<c>whsec_…</c>), the salt that keys the hash of guest
/// customers' e-mail addresses and, when its store owner set one, a WooCommerce webhook secret of its own. Kept in
/// settings (Key Vault references in Azure).
/// </summary>
/// <param name="WooCommerceSecret">the secret the shop's WooCommerce webhooks are signed with; null when they use the
/// webhook secret, as every shop did before this could be set.</param>
public sealed record ShopCredentials(string WebhookSecret, string CustomerIdSalt, string? WooCommerceSecret = null)
{
    /// <summary>
    /// The key of <c>X-WC-Webhook-Signature</c>: the shop's own WooCommerce secret when set, and then only that one (the
    /// Standard Webhooks secret signs the generic routes, and a leak of it must not open the WooCommerce route too);
    /// otherwise the webhook secret, which WooCommerce takes as a plain string.
    /// </summary>
    public string WooCommerceSigningSecret => WooCommerceSecret ?? WebhookSecret;

    public static ShopCredentials Generate() => new(
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
