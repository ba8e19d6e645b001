using Retention.Cli.Commands;
using Retention.Core.Metrics;
using Retention.Core.Shops;
using Retention.Pipeline;
using Retention.Pipeline.Shops;

namespace Retention.Cli.Settings;

/// <summary>
/// Registers a shop locally: its row in the shops table, and its secrets in the local settings file. An
/// existing customer-id salt is always kept: a new one would split every guest customer into two.
/// </summary>
public sealed class ShopRegistrar(ShopDirectory shops, LocalSettingsFile settings, TimeProvider clock)
{
    public async Task<(Shop Shop, ShopCredentials Credentials)> RegisterAsync(string shopId, string timeZone, string currency,
        string? webhookSecret, CancellationToken cancellationToken, RetentionSettings? retentionSettings = null)
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

        var values = settings.ReadValues();
        var secretName = SettingNames.AsAppSetting(SettingNames.ShopSetting(shopId, SettingNames.WebhookSecret));
        var saltName = SettingNames.AsAppSetting(SettingNames.ShopSetting(shopId, SettingNames.CustomerIdSalt));
        var generated = ShopCredentials.Generate();
        var credentials = new ShopCredentials(
            webhookSecret ?? values.GetValueOrDefault(secretName) ?? generated.WebhookSecret,
            values.GetValueOrDefault(saltName) ?? generated.CustomerIdSalt);

        var existing = await shops.FindAsync(shopId, cancellationToken);
        // Settings not given keep what the shop had: re-registering to change the time zone must not reset the churn threshold.
        var shop = new Shop(shopId, timeZone, currency, existing?.RegisteredAt ?? clock.GetUtcNow(), retentionSettings ?? existing?.Settings);
        settings.Write(new Dictionary<string, string> { [secretName] = credentials.WebhookSecret, [saltName] = credentials.CustomerIdSalt });
        await shops.SaveAsync(shop, cancellationToken);
        return (shop, credentials);
    }
}
