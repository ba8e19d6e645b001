using System.Text.RegularExpressions;

namespace Retention.Core.Shops;

/// <summary>
/// A Shopify shop's permanent <c>{name}.myshopify.com</c> domain, as Shopify sends it in <c>X-Shopify-Shop-Domain</c>. One
/// app secret signs the deliveries of every shop that installed the app, so this domain is what ties a delivery to one
/// shop here; a custom domain (<c>shop.example</c>) never appears in that header and would refuse every delivery.
/// </summary>
public static partial class ShopifyShopDomain
{
    public const string Rule = "the shop's myshopify.com domain, such as my-shop.myshopify.com";

    /// <summary>Lower-cases and trims; null when it is not one myshopify.com name (no scheme, path, port or further subdomain).</summary>
    public static string? Normalize(string? text)
    {
        var domain = text?.Trim().ToLowerInvariant();
        return domain is not null && Pattern().IsMatch(domain) ? domain : null;
    }

    // A DNS label: letters, digits and inner hyphens, at most 63 characters.
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.myshopify\.com$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
