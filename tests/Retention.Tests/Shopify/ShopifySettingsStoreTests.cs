using Microsoft.Extensions.Configuration;
using Retention.Pipeline.Shopify;

namespace Retention.Tests.Shopify;

public class ShopifySettingsStoreTests
{
    private static ShopifySettingsStore Store(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void Settings_are_read_per_shop_and_need_domain_and_secret()
    {
        var store = Store(("Shops:a-shop:ShopifyDomain", "a.myshopify.com"), ("Shops:a-shop:ShopifySecret", "s1"),
            ("Shops:a-shop:ShopifyPreviousSecret", "s0"), ("Shops:b-shop:ShopifySecret", "only-a-secret"));
        Assert.Equal(new ShopifySettings("a.myshopify.com", "s1", "s0"), store.Find("a-shop"));
        Assert.Null(store.Find("b-shop"));
        Assert.Null(store.Find("c-shop"));
    }
}
