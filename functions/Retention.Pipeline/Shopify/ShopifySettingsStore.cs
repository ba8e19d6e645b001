using Microsoft.Extensions.Configuration;

namespace Retention.Pipeline.Shopify;

/// <summary>
/// Reads a shop's <see cref="ShopifySettings"/> from settings: <c>Shops__{id}__ShopifyDomain</c>,
/// <c>Shops__{id}__ShopifySecret</c> and, during a rotation, <c>Shops__{id}__ShopifyPreviousSecret</c>. Read on every
/// call, like <see cref="Shops.ShopCredentialStore"/>, so a rotated secret takes effect without a restart.
/// </summary>
public sealed class ShopifySettingsStore(IConfiguration configuration)
{
    public const string ShopifyDomain = "ShopifyDomain";
    public const string ShopifySecret = "ShopifySecret";
    public const string ShopifyPreviousSecret = "ShopifyPreviousSecret";

    /// <returns>null unless both the domain and the secret are set.</returns>
    public ShopifySettings? Find(string shopId)
    {
        var domain = configuration[SettingNames.ShopSetting(shopId, ShopifyDomain)];
        var secret = configuration[SettingNames.ShopSetting(shopId, ShopifySecret)];
        var previous = configuration[SettingNames.ShopSetting(shopId, ShopifyPreviousSecret)];
        return string.IsNullOrWhiteSpace(domain) || string.IsNullOrEmpty(secret)
            ? null
            : new ShopifySettings(domain.Trim(), secret, string.IsNullOrEmpty(previous) ? null : previous);
    }
}
