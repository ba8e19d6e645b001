using Retention.Cli.Commands;
using Retention.Core.Shops;

namespace Retention.Cli.Settings;

/// <summary>
/// What <c>retention shops add</c> is told about the platforms a shop's orders come from, each null when not given (a
/// value not given keeps what the settings file has). Stored beside the shop's own secrets, never in a table.
/// </summary>
/// <param name="ShopifyDomain">the shop's myshopify.com domain (<c>--shopify-domain</c>).</param>
/// <param name="ShopifySecret">the Shopify app's API secret, the key of <c>X-Shopify-Hmac-Sha256</c> (<c>--shopify-secret</c>).</param>
/// <param name="WooCommerceSecret">the secret of the store's WooCommerce webhooks (<c>--woocommerce-secret</c>).</param>
public sealed record PlatformSettings(string? ShopifyDomain, string? ShopifySecret, string? WooCommerceSecret)
{
    public const string ShopifyDomainOption = "--shopify-domain";
    public const string ShopifySecretOption = "--shopify-secret";
    public const string WooCommerceSecretOption = "--woocommerce-secret";

    public static readonly PlatformSettings None = new(null, null, null);

    /// <summary>The same settings with the domain lower-cased and trimmed, as Shopify sends it; a usage error names the first bad option.</summary>
    /// <exception cref="CliUsageException">a value is not usable; the message never holds a secret.</exception>
    public PlatformSettings Validated()
    {
        var domain = ShopifyDomain;
        if (ShopifyDomain is not null && (domain = ShopifyShopDomain.Normalize(ShopifyDomain)) is null)
            throw new CliUsageException($"{ShopifyDomainOption} must be {ShopifyShopDomain.Rule}, not '{Printable(ShopifyDomain)}'");
        if (ShopifySecret is not null && PlatformSecret.Problem(ShopifySecret) is { } shopify)
            throw new CliUsageException($"{ShopifySecretOption} {shopify} (paste the app's whole API secret key)");
        if (WooCommerceSecret is not null && PlatformSecret.Problem(WooCommerceSecret) is { } wooCommerce)
            throw new CliUsageException($"{WooCommerceSecretOption} {wooCommerce} (paste the webhook's whole secret, or leave it out to use the webhook secret)");
        return this with { ShopifyDomain = domain };
    }

    /// <summary>A domain as typed, on one line and not a page long, for the error that quotes it.</summary>
    private static string Printable(string text)
    {
        var line = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return line.Length > 80 ? line[..80] + "…" : line;
    }
}
