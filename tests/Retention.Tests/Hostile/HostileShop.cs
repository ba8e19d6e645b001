using Retention.Core.Shops;
using Retention.Tests.Support;
using Retention.Pipeline.Shopify;

namespace Retention.Tests.Hostile;

/// <summary>
/// A shop that every POST route accepts deliveries for: registered (EUR), with its Standard Webhooks secret (generic,
/// feedback and spend; WooCommerce signs with the same string), and its own Shopify domain and app secret. The
/// hostile-input tests send all five routes the same damage, so one shop answers on every route.
/// </summary>
public sealed record HostileShop(string Id, ShopCredentials Credentials, string ShopifyDomain, string ShopifySecret)
{
    /// <param name="shopifySecret">the Shopify app's secret; by default one of the shop's own (an app per shop).</param>
    public static async Task<HostileShop> RegisterAsync(PipelineHost pipeline, string id, string? shopifySecret = null)
    {
        var credentials = await pipeline.RegisterShopAsync(id);
        var shop = new HostileShop(id, credentials, id + ".myshopify.com", shopifySecret ?? "shpss_" + id);
        pipeline.Settings.Write(new Dictionary<string, string>
        {
            [$"Shops__{id}__{ShopifySettingsStore.ShopifyDomain}"] = shop.ShopifyDomain,
            [$"Shops__{id}__{ShopifySettingsStore.ShopifySecret}"] = shop.ShopifySecret,
        });
        // The host reloads the settings file on change; wait until it sees the Shopify settings too.
        var store = pipeline.Service<ShopifySettingsStore>();
        for (var i = 0; i < 200 && store.Find(id)?.Secret != shop.ShopifySecret; i++) await Task.Delay(25);
        Assert.Equal(shop.ShopifySecret, store.Find(id)?.Secret);
        return shop;
    }
}
