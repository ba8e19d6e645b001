using Retention.Core.Shops;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Retention.Cli.Settings;
using Retention.Core.Metrics;
using Retention.Pipeline;
using Retention.Pipeline.Shops;

namespace Retention.Cli.Commands;

public static class ShopsCommand
{
    public static Command Create()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id (lowercase letters, digits, hyphens)", Required = true };
        var timeZone = new Option<string>("--timezone") { Description = "IANA time zone the shop reports in, e.g. Europe/Berlin", Required = true };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency of the shop's amounts, e.g. EUR", Required = true };
        var secret = new Option<string?>("--secret") { Description = "Standard Webhooks secret (whsec_...); generated and printed when left out" };

        var churnDays = new Option<int?>("--churn-days") { Description = "Days without a purchase after which a customer counts as churned (default: derived from the shop's own purchase rhythm)" };
        var margin = new Option<decimal?>("--gross-margin") { Description = "Gross margin as a share of net revenue, e.g. 0.35, for the margin side of historic CLV" };
        var holdout = new Option<decimal?>("--holdout-share") { Description = "Share of the observed period the forecast holds out to choose its model, e.g. 0.25 (the default)" };
        var discount = new Option<decimal?>("--clv-discount") { Description = "Monthly discount rate of predicted CLV, e.g. 0.01 (default 0: undiscounted)" };
        var controlShare = new Option<decimal?>("--control-share") { Description = "Share of each audience held out as its control group, 0 to 0.5 (default 0.10; 0 holds none out)" };
        var shopifyDomain = new Option<string?>(PlatformSettings.ShopifyDomainOption)
            { Description = "The Shopify shop's myshopify.com domain, as Shopify sends it in X-Shopify-Shop-Domain (with --shopify-secret)" };
        var shopifySecret = new Option<string?>(PlatformSettings.ShopifySecretOption)
            { Description = "The Shopify app's API secret key, which signs X-Shopify-Hmac-Sha256 (with --shopify-domain); kept in the settings file, never printed" };
        var wooCommerceSecret = new Option<string?>(PlatformSettings.WooCommerceSecretOption)
        {
            Description = "The secret of the store's WooCommerce webhooks, when it is not the webhook secret; the webhook secret then no longer " +
                          "signs WooCommerce deliveries. Kept in the settings file, never printed",
        };
        var add = new Command("add", "Register a shop, or update its time zone, currency, secrets, platforms or settings")
            { shop, timeZone, currency, secret, churnDays, margin, holdout, discount, controlShare, shopifyDomain, shopifySecret, wooCommerceSecret };
        add.SetAction(async (parse, context, cancellationToken) =>
        {
            var (id, zone, money, given) = (parse.GetValue(shop)!, parse.GetValue(timeZone)!, parse.GetValue(currency)!, parse.GetValue(secret));
            var settings = new RetentionSettings(parse.GetValue(churnDays), parse.GetValue(margin), parse.GetValue(holdout), parse.GetValue(discount),
                parse.GetValue(controlShare));
            var retentionSettings = settings == RetentionSettings.Default ? null : settings;
            var platforms = ShopRegistrar.Validate(context.SettingsFile, id, zone, money, given, retentionSettings,
                new PlatformSettings(parse.GetValue(shopifyDomain), parse.GetValue(shopifySecret), parse.GetValue(wooCommerceSecret)));

            // A generated secret is printed once, when it is made; one already in the file stays there.
            var secretKept = given is null && context.SettingsFile.ReadValues()
                .ContainsKey(SettingNames.AsAppSetting(SettingNames.ShopSetting(id, SettingNames.WebhookSecret)));

            var services = await context.ServicesAsync(cancellationToken);
            var registrar = new ShopRegistrar(services.GetRequiredService<ShopDirectory>(), context.SettingsFile, TimeProvider.System);
            var (registered, credentials) = await registrar.RegisterAsync(id, zone, money, given, cancellationToken, retentionSettings, platforms);
            Console.WriteLine($"registered shop {registered.Id} ({registered.TimeZoneId}, {registered.Currency}" +
                              $"{(registered.Settings?.ChurnDays is { } d ? $", churned after {d} days" : "")}" +
                              $"{(registered.Settings?.GrossMarginRate is { } m ? $", gross margin {m:P0}" : "")})");
            Console.WriteLine($"secrets written to {context.SettingsFile.Path}");
            // The platforms' secrets were typed by the user: said to be stored, never printed back.
            if (platforms.ShopifyDomain is not null || platforms.ShopifySecret is not null)
                Console.WriteLine($"Shopify: deliveries to /api/webhooks/shopify/{registered.Id} from " +
                                  $"{platforms.ShopifyDomain ?? "the shop's domain already set"}, verified with the app secret " +
                                  (platforms.ShopifySecret is null ? "already set" : "given"));
            if (platforms.WooCommerceSecret is not null)
                Console.WriteLine($"WooCommerce: deliveries to /api/webhooks/woocommerce/{registered.Id}, verified with the WooCommerce secret given " +
                                  "(the webhook secret no longer signs them)");
            Console.WriteLine($"report (after the first night): /api/report/{registered.Id}?key={ReportAccessKey.For(registered.Id, credentials)}");
            if (given is null && !secretKept) Console.WriteLine($"webhook secret (configure it on the platform): {credentials.WebhookSecret}");
            else if (secretKept) Console.WriteLine($"webhook secret: unchanged (in {context.SettingsFile.Path})");
            return 0;
        });

        var list = new Command("list", "List the registered shops");
        list.SetAction(async (parse, context, cancellationToken) =>
        {
            var services = await context.ServicesAsync(cancellationToken);
            foreach (var s in await services.GetRequiredService<ShopDirectory>().ListAsync(cancellationToken))
                Console.WriteLine($"{s.Id,-24} {s.TimeZoneId,-24} {s.Currency}  registered {s.RegisteredAt:yyyy-MM-dd}");
            return 0;
        });

        return new Command("shops", "Register and list shops") { add, list };
    }
}
