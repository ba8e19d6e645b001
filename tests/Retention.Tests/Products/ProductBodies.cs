using System.Text.Json.Nodes;

namespace Retention.Tests.Products;

/// <summary>
/// The platforms' documented product webhook bodies (Shopify's products/create example payload, WooCommerce's REST
/// product "Premium Quality"), with the fields the tests vary as parameters, and a signed WooCommerce delivery.
/// </summary>
public static class ProductBodies
{
    public const string ShopifyDescription = "An example T-Shirt, soft and light";
    public const string ShopifyImage = "https://cdn.shopify.com/s/files/1/0005/4838/0009/products/example-t-shirt.jpg";
    public const string WooDescription = "<p>Pellentesque habitant morbi tristique senectus et netus.</p>";
    public const string WooImage = "https://example.com/wp-content/uploads/2017/03/T_2_front-4.jpg";

    public static byte[] Shopify(long id, string title, string productType, string vendor, string updatedAt) => Bytes(new JsonObject
    {
        ["admin_graphql_api_id"] = $"gid://shopify/Product/{id}",
        ["body_html"] = ShopifyDescription,
        ["created_at"] = null,
        ["handle"] = "example-t-shirt",
        ["id"] = id,
        ["product_type"] = productType,
        ["published_at"] = "2021-12-31T19:00:00-05:00",
        ["template_suffix"] = null,
        ["title"] = title,
        ["updated_at"] = updatedAt,
        ["vendor"] = vendor,
        ["status"] = "active",
        ["published_scope"] = "web",
        ["tags"] = "example, mens, t-shirt",
        ["variants"] = new JsonArray(new JsonObject
        {
            ["admin_graphql_api_id"] = "gid://shopify/ProductVariant/642667041472713922",
            ["barcode"] = null,
            ["compare_at_price"] = "24.99",
            ["id"] = 642667041472713922,
            ["inventory_policy"] = "deny",
            ["position"] = 1,
            ["price"] = "19.99",
            ["product_id"] = id,
            ["sku"] = "example-shirt-s",
            ["taxable"] = true,
            ["title"] = "Small",
            ["option1"] = "Small",
            ["inventory_quantity"] = 75,
        }),
        ["options"] = new JsonArray(new JsonObject { ["name"] = "Title", ["values"] = new JsonArray("Small") }),
        ["images"] = new JsonArray(new JsonObject { ["id"] = 1001, ["src"] = ShopifyImage }),
        ["image"] = null,
        ["media"] = new JsonArray(),
    });

    public static byte[] ShopifyDeletion(long id) => Bytes(new JsonObject { ["id"] = id });

    /// <param name="categories">the product's categories, each (id, name, slug), in the order WooCommerce lists them.</param>
    public static byte[] Woo(long id, string name, string dateModifiedGmt, params (int Id, string Name, string Slug)[] categories) => Bytes(new JsonObject
    {
        ["id"] = id,
        ["name"] = name,
        ["slug"] = "premium-quality-19",
        ["permalink"] = "https://example.com/product/premium-quality-19/",
        ["date_created"] = "2017-03-23T17:01:14",
        ["date_created_gmt"] = "2017-03-23T20:01:14",
        ["date_modified"] = "2017-03-23T17:01:14",
        ["date_modified_gmt"] = dateModifiedGmt,
        ["type"] = "simple",
        ["status"] = "publish",
        ["description"] = WooDescription,
        ["short_description"] = "<p>Pellentesque habitant.</p>",
        ["sku"] = "",
        ["price"] = "21.99",
        ["regular_price"] = "21.99",
        ["categories"] = new JsonArray([.. categories.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["slug"] = c.Slug })]),
        ["tags"] = new JsonArray(),
        ["images"] = new JsonArray(new JsonObject { ["id"] = 792, ["src"] = WooImage, ["name"] = "", ["alt"] = "" }),
    });

    public static byte[] Bytes(JsonNode node) => System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
}
