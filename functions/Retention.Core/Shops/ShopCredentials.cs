using System.Security.Cryptography;

namespace Retention.Core.Shops;

/// <summary>
/// A shop's secret material: the Standard Webhooks secret (<c>whsec_…</c>) and the salt that keys the
/// hash of guest customers' e-mail addresses. Kept in settings (Key Vault references in Azure).
/// </summary>
public sealed record ShopCredentials(string WebhookSecret, string CustomerIdSalt)
{
    public static ShopCredentials Generate() => new(
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
