using Retention.Cli.Commands;
using Retention.Core.Metrics;
using Retention.Core.Shops;
using Retention.Pipeline;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Shopify;

namespace Retention.Cli.Settings;

/// <summary>
/// Registers a shop locally: its row in the shops table, and its secrets and platform settings in the local settings
/// file, under the app-setting names the hosts read (<see cref="ShopCredentialStore"/>, <see cref="ShopifySettingsStore"/>).
/// An existing customer-id salt is always kept: a new one would split every guest customer into two. A platform setting
/// not given keeps what the file has.
/// </summary>
public sealed class ShopRegistrar(ShopDirectory shops, LocalSettingsFile settings, TimeProvider clock)
{
    public async Task<(Shop Shop, ShopCredentials Credentials)> RegisterAsync(string shopId, string timeZone, string currency,
        string? webhookSecret, CancellationToken cancellationToken, RetentionSettings? retentionSettings = null, PlatformSettings? platforms = null)
    {
        platforms = Validate(settings, shopId, timeZone, currency, webhookSecret, retentionSettings, platforms ?? PlatformSettings.None);

        var values = settings.ReadValues();
        var secretName = Name(shopId, SettingNames.WebhookSecret);
        var saltName = Name(shopId, SettingNames.CustomerIdSalt);
        var wooCommerceName = Name(shopId, SettingNames.WooCommerceSecret);
        var generated = ShopCredentials.Generate();
        var credentials = new ShopCredentials(
            webhookSecret ?? values.GetValueOrDefault(secretName) ?? generated.WebhookSecret,
            values.GetValueOrDefault(saltName) ?? generated.CustomerIdSalt,
            platforms.WooCommerceSecret ?? values.GetValueOrDefault(wooCommerceName));

        var existing = await shops.FindAsync(shopId, cancellationToken);
        // Settings not given keep what the shop had: re-registering to change the time zone must not reset the churn threshold.
        var shop = new Shop(shopId, timeZone, currency, existing?.RegisteredAt ?? clock.GetUtcNow(), retentionSettings ?? existing?.Settings);
        var updates = new Dictionary<string, string> { [secretName] = credentials.WebhookSecret, [saltName] = credentials.CustomerIdSalt };
        if (platforms.ShopifyDomain is { } domain) updates[Name(shopId, ShopifySettingsStore.ShopifyDomain)] = domain;
        if (platforms.ShopifySecret is { } shopifySecret) updates[Name(shopId, ShopifySettingsStore.ShopifySecret)] = shopifySecret;
        if (platforms.WooCommerceSecret is { } wooCommerceSecret) updates[wooCommerceName] = wooCommerceSecret;
        settings.Write(updates);
        await shops.SaveAsync(shop, cancellationToken);
        return (shop, credentials);
    }

    /// <summary>
    /// Everything that can be told before storage is reached, so a mistake costs no round trip and leaves nothing half
    /// written. Returns the platform settings as they will be stored (the Shopify domain lower-cased).
    /// </summary>
    /// <exception cref="CliUsageException">one readable line; a secret is never in it.</exception>
    public static PlatformSettings Validate(LocalSettingsFile settings, string shopId, string timeZone, string currency, string? webhookSecret,
        RetentionSettings? retentionSettings, PlatformSettings platforms)
    {
        if (ShopRegistration.Validate(shopId, timeZone, currency, webhookSecret) is { } problem) throw new CliUsageException(problem);
        try
        {
            retentionSettings?.Validated();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliUsageException(e.Message.Split(" (Parameter")[0]);
        }
        platforms = platforms.Validated();

        // The Shopify route needs both (ShopifySettingsStore): one alone, with the other nowhere, would answer 404 to every delivery.
        var values = settings.ReadValues();
        if (platforms.ShopifySecret is not null && platforms.ShopifyDomain is null && !values.ContainsKey(Name(shopId, ShopifySettingsStore.ShopifyDomain)))
            throw new CliUsageException($"{PlatformSettings.ShopifySecretOption} needs {PlatformSettings.ShopifyDomainOption} too: shop {shopId} has no Shopify domain yet");
        if (platforms.ShopifyDomain is not null && platforms.ShopifySecret is null && !values.ContainsKey(Name(shopId, ShopifySettingsStore.ShopifySecret)))
            throw new CliUsageException($"{PlatformSettings.ShopifyDomainOption} needs {PlatformSettings.ShopifySecretOption} too: shop {shopId} has no Shopify app secret yet");
        return platforms;
    }

    private static string Name(string shopId, string setting) => SettingNames.AsAppSetting(SettingNames.ShopSetting(shopId, setting));
}
