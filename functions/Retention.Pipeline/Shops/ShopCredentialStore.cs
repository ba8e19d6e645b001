using Microsoft.Extensions.Configuration;
using Retention.Core.Shops;

namespace Retention.Pipeline.Shops;

/// <summary>
/// Reads a shop's secrets from settings (<c>Shops__{id}__WebhookSecret</c>, <c>Shops__{id}__CustomerIdSalt</c> and, when
/// its WooCommerce webhooks have a secret of their own, <c>Shops__{id}__WooCommerceSecret</c>):
/// app settings backed by Key Vault references in Azure, the local settings file on a developer's machine.
/// Read on every call, so a secret added or rotated while the host runs takes effect without a restart.
/// </summary>
public sealed class ShopCredentialStore(IConfiguration configuration)
{
    public ShopCredentials? Find(string shopId)
    {
        var secret = configuration[SettingNames.ShopSetting(shopId, SettingNames.WebhookSecret)];
        var salt = configuration[SettingNames.ShopSetting(shopId, SettingNames.CustomerIdSalt)];
        var wooCommerce = configuration[SettingNames.ShopSetting(shopId, SettingNames.WooCommerceSecret)];
        return string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(salt)
            ? null
            : new ShopCredentials(secret, salt, string.IsNullOrEmpty(wooCommerce) ? null : wooCommerce);
    }
}
