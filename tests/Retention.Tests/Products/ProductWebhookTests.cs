using System.Globalization;
using System.Text.Json.Nodes;
using Retention.Core.Products;
using Retention.Core.Shopify;
using Retention.Pipeline.Products;
using Retention.Tests.Hostile;
using Retention.Tests.Support;

namespace Retention.Tests.Products;

/// <summary>
/// The platforms' product webhooks through real HTTP, the claim check, the queue and the <c>products</c> table of a real
/// Azurite, read back as the night reads the catalog.
/// </summary>
public class ProductWebhookTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    private const long ShirtId = 788032119674292922;

    private ProductCatalogTable Products => pipeline.Service<ProductCatalogTable>();

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private async Task<ProductChange> StoredAsync(string shopId, string productId) =>
        Assert.Single(await Products.ReadShopAsync(shopId, default), p => p.ProductId == productId);

    [Fact]
    public async Task Shopify_create_update_and_delete_keep_the_products_title_type_and_vendor_and_then_its_deletion()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "catalog-shopify", "catalog-shopify.myshopify.com");
        await shop.SendAsync("products/create", ProductBodies.Shopify(ShirtId, "Example T-Shirt", "Shirts", "Acme", "2021-12-31T19:00:00-05:00"), "p-create", 202);
        await pipeline.DrainAsync();
        Assert.Equal(new ProductChange(ShirtId.ToString(CultureInfo.InvariantCulture), "Example T-Shirt", "Shirts", "Acme",
            At("2022-01-01T00:00:00Z"), Deleted: false, ShopifyProductNormalizer.EventKind), await StoredAsync(shop.Id, "788032119674292922"));

        var update = ProductBodies.Shopify(ShirtId, "Example T-Shirt (organic)", "Tops", "Acme Organics", "2022-01-05T09:30:00-05:00");
        await shop.SendAsync("products/update", update, "p-update", 202);
        await shop.SendAsync("products/update", update, "p-update", 202); // Shopify's redelivery: the same webhook id
        await pipeline.DrainAsync();
        var catalog = await Products.ReadCatalogAsync(shop.Id, default);
        Assert.Equal(1, catalog.Count);
        Assert.Equal(new CatalogProduct("788032119674292922", "Example T-Shirt (organic)", "Tops", "Acme Organics"), catalog.Find("788032119674292922"));
        Assert.Equal("Tops", catalog.CategoryOf("788032119674292922"));
        Assert.Equal(ProductCatalog.Uncategorised, catalog.CategoryOf("632910392"));

        // Nothing of the description, images or variants is kept anywhere: neither in the table nor in the raw events.
        Assert.Empty(await StoredData.MentionsAsync(pipeline.Storage, ProductBodies.ShopifyDescription, ProductBodies.ShopifyImage, "example-shirt-s"));

        await shop.SendAsync("products/delete", ProductBodies.ShopifyDeletion(ShirtId), "p-delete", 202);
        await pipeline.DrainAsync();
        var deleted = await StoredAsync(shop.Id, "788032119674292922");
        Assert.True(deleted.Deleted);
        catalog = await Products.ReadCatalogAsync(shop.Id, default);
        Assert.Equal((0, ProductCatalog.Uncategorised), (catalog.Count, catalog.CategoryOf("788032119674292922")));

        // An update Shopify retried and delivers after the deletion, dated before it, does not bring the product back.
        await shop.SendAsync("products/update", ProductBodies.Shopify(ShirtId, "Example T-Shirt", "Shirts", "Acme", "2022-01-06T09:30:00-05:00"), "p-late", 202);
        await pipeline.DrainAsync();
        Assert.Equal(deleted, await StoredAsync(shop.Id, "788032119674292922"));
        Assert.Equal(0, await ShopFootprint.PoisonedAsync(pipeline));
    }

    [Fact]
    public async Task An_update_older_than_the_stored_one_does_not_overwrite_it_and_a_blank_type_is_no_category()
    {
        var shop = await ShopifyShop.RegisterAsync(pipeline, "catalog-order", "catalog-order.myshopify.com");
        await shop.SendAsync("products/update", ProductBodies.Shopify(632910392, "IPod Nano - 8GB", "", "Apple", "2024-03-02T10:00:00-05:00"), "n-newer", 202);
        await pipeline.DrainAsync();
        await shop.SendAsync("products/create", ProductBodies.Shopify(632910392, "IPod Nano", "Cult Products", "Apple", "2024-03-01T10:00:00-05:00"), "n-older", 202);
        await pipeline.DrainAsync();

        var stored = await StoredAsync(shop.Id, "632910392");
        Assert.Equal(("IPod Nano - 8GB", null, At("2024-03-02T15:00:00Z")), (stored.Title, stored.Category, stored.UpdatedAt));
        var catalog = await Products.ReadCatalogAsync(shop.Id, default);
        Assert.Equal(ProductCatalog.Uncategorised, catalog.CategoryOf("632910392"));
        Assert.Equal("IPod Nano - 8GB", catalog.TitleOf("632910392", "line title"));
    }

    [Fact]
    public async Task WooCommerce_product_updated_files_the_product_under_its_first_category_and_deleted_marks_it()
    {
        var credentials = await pipeline.RegisterShopAsync("catalog-woo", currency: "USD");
        async Task SendAsync(string topic, byte[] body, string delivery)
        {
            using var response = await WooCommerceDelivery.PostAsync(pipeline, "catalog-woo", credentials.WebhookSecret, topic, body, delivery);
            Assert.True((int)response.StatusCode == 202, $"{topic}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await SendAsync("product.created", ProductBodies.Woo(794, "Premium Quality", "2017-03-23T20:01:14", (9, "Clothing", "clothing")), "w-1");
        await SendAsync("product.updated", ProductBodies.Woo(794, "Premium Quality", "2017-03-24T08:00:00",
            (15, "Bags &amp; Shoes", "bags-shoes"), (9, "Clothing", "clothing")), "w-2");
        await SendAsync("product.updated", ProductBodies.Woo(799, "Ship Your Idea", "2017-03-23T20:03:12"), "w-3");
        await SendAsync("product.deleted", ProductBodies.Bytes(new JsonObject { ["id"] = 801 }), "w-4");
        await pipeline.DrainAsync();

        var catalog = await Products.ReadCatalogAsync("catalog-woo", default);
        Assert.Equal(new CatalogProduct("794", "Premium Quality", "Bags & Shoes", null), catalog.Find("794"));
        Assert.Equal(At("2017-03-24T08:00:00Z"), (await StoredAsync("catalog-woo", "794")).UpdatedAt);
        Assert.Equal(("Ship Your Idea", ProductCatalog.Uncategorised), (catalog.Find("799")!.Title, catalog.CategoryOf("799")));
        Assert.True((await StoredAsync("catalog-woo", "801")).Deleted);
        Assert.Equal(2, catalog.Count);
        Assert.Empty(await StoredData.MentionsAsync(pipeline.Storage, "Pellentesque", ProductBodies.WooImage));

        await SendAsync("product.deleted", ProductBodies.Bytes(new JsonObject { ["id"] = 794 }), "w-5");
        await pipeline.DrainAsync();
        catalog = await Products.ReadCatalogAsync("catalog-woo", default);
        Assert.Equal((1, ProductCatalog.Uncategorised), (catalog.Count, catalog.CategoryOf("794")));
    }

    public static TheoryData<string, string, string, string> HostileBodies => new()
    {
        // route, topic, body, the field the 400 names
        { "shopify", "products/create", """{"id":1,"title":5,"updated_at":"2024-03-01T10:00:00Z"}""", "title" },
        { "shopify", "products/update", """{"id":{"n":1},"title":"A","updated_at":"2024-03-01T10:00:00Z"}""", "id" },
        { "shopify", "products/update", """{"id":1,"title":"A"}""", "updated_at" },
        { "shopify", "products/update", """{"id":1,"title":"A","updated_at":"2024-03-01 10:00"}""", "updated_at" },
        { "shopify", "products/create", $$"""{"id":1,"product_type":"{{new string('x', 300)}}","updated_at":"2024-03-01T10:00:00Z"}""", "product_type" },
        { "shopify", "products/create", """{"id":1,"vendor":"Ac\u0007me","updated_at":"2024-03-01T10:00:00Z"}""", "vendor" },
        { "shopify", "products/create", """[{"id":1}]""", "$" },
        { "shopify", "products/delete", """{"id":null}""", "id" },
        { "woocommerce", "product.updated", """{"id":794,"name":"P","categories":"Clothing"}""", "categories" },
        { "woocommerce", "product.updated", """{"id":794,"name":"P","categories":[{"name":"A"},{"name":7}]}""", "categories[1].name" },
        { "woocommerce", "product.created", """{"id":794,"name":"P","categories":[1]}""", "categories[0]" },
        { "woocommerce", "product.updated", """{"id":794,"name":["P"]}""", "name" },
        { "woocommerce", "product.updated", """{"id":794,"name":"P","date_modified_gmt":"yesterday"}""", "date_modified_gmt" },
        { "woocommerce", "product.deleted", """{"id":1.5}""", "id" },
        { "woocommerce", "product.restored", "{\"id\": [[[ not json", "$" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task A_hostile_product_body_is_refused_400_naming_the_field_and_nothing_is_stored(string route, string topic, string body, string field)
    {
        var shopId = $"catalog-bad-{route[..4]}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(topic + body)))[..10]}";
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        HttpResponseMessage response;
        if (route == "shopify")
        {
            var shop = await ShopifyShop.RegisterAsync(pipeline, shopId, shopId + ".myshopify.com");
            response = await shop.PostAsync(topic, bytes, "bad-1");
        }
        else
        {
            var credentials = await pipeline.RegisterShopAsync(shopId, currency: "USD");
            response = await WooCommerceDelivery.PostAsync(pipeline, shopId, credentials.WebhookSecret, topic, bytes, "bad-1");
        }
        using (response)
        {
            var answer = await HostileAnswer.ReadAsync(response);
            Assert.True(answer.Status == 400, answer.ToString());
            Assert.Equal(field, answer.Field);
        }
        Assert.Equal(0, await ShopFootprint.RequestWritesAsync(pipeline, shopId));
        await pipeline.DrainAsync();
        Assert.Empty(await ShopFootprint.EverythingAsync(pipeline, shopId));
    }

    [Fact]
    public async Task A_product_webhook_of_one_shop_never_changes_another_shops_catalog()
    {
        var a = await ShopifyShop.RegisterAsync(pipeline, "catalog-tenant-a", "catalog-tenant-a.myshopify.com");
        var b = await ShopifyShop.RegisterAsync(pipeline, "catalog-tenant-b", "catalog-tenant-b.myshopify.com");
        await a.SendAsync("products/create", ProductBodies.Shopify(ShirtId, "A's shirt", "Shirts", "Acme", "2024-01-01T10:00:00Z"), "t-a1", 202);
        await b.SendAsync("products/create", ProductBodies.Shopify(ShirtId, "B's shirt", "Tees", "Brand B", "2024-01-01T10:00:00Z"), "t-b1", 202);
        await b.SendAsync("products/create", ProductBodies.Shopify(42, "B's mug", "Mugs", "Brand B", "2024-01-01T10:00:00Z"), "t-b2", 202);
        await pipeline.DrainAsync();
        var before = await Products.ReadShopAsync(b.Id, default);
        Assert.Equal(2, before.Count);

        // Shop A changes and deletes the product with the same id, and deletes an id only B holds, each with the same webhook ids B used.
        await a.SendAsync("products/update", ProductBodies.Shopify(ShirtId, "A's shirt v2", "Hoodies", "Acme", "2025-01-01T10:00:00Z"), "t-b1", 202);
        await a.SendAsync("products/delete", ProductBodies.ShopifyDeletion(42), "t-b2", 202);
        await a.SendAsync("products/delete", ProductBodies.ShopifyDeletion(ShirtId), "t-a3", 202);
        await pipeline.DrainAsync();

        Assert.Equal(before, await Products.ReadShopAsync(b.Id, default));
        var catalogB = await Products.ReadCatalogAsync(b.Id, default);
        Assert.Equal(("Tees", "Mugs"), (catalogB.CategoryOf(ShirtId.ToString(CultureInfo.InvariantCulture)), catalogB.CategoryOf("42")));
        var ofA = await Products.ReadShopAsync(a.Id, default);
        Assert.Equal(["42", "788032119674292922"], ofA.Select(p => p.ProductId));
        Assert.All(ofA, p => Assert.True(p.Deleted));
    }
}
