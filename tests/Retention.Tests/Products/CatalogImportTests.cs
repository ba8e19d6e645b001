using System.Text;
using Retention.Core.Products;
using Retention.Pipeline.Products;
using Retention.Tests.Support;

namespace Retention.Tests.Products;

/// <summary>
/// <c>retention catalog import</c> and <c>list</c> as a user runs them (the built CLI, its own process) on small
/// exports laid out as the platforms' exporters write them, into the <c>products</c> table of a real Azurite.
/// </summary>
public sealed class CatalogImportTests(PipelineHost pipeline) : IClassFixture<PipelineHost>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] WooIds = ["800", "802", "803", "804"];

    private ProductCatalogTable Products => pipeline.Service<ProductCatalogTable>();

    /// <summary>Shopify's product export header (2024), in its order.</summary>
    private static readonly string[] ShopifyHeader =
    [
        "Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published", "Option1 Name", "Option1 Value",
        "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value", "Variant SKU", "Variant Grams", "Variant Inventory Tracker",
        "Variant Inventory Qty", "Variant Inventory Policy", "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price",
        "Variant Requires Shipping", "Variant Taxable", "Variant Barcode", "Image Src", "Image Position", "Image Alt Text", "Gift Card",
        "SEO Title", "SEO Description", "Variant Image", "Variant Weight Unit", "Variant Tax Code", "Cost per item", "Status",
    ];

    /// <summary>WooCommerce's product exporter header (English), in its order.</summary>
    private static readonly string[] WooHeader =
    [
        "ID", "Type", "SKU", "Name", "Published", "Is featured?", "Visibility in catalog", "Short description", "Description",
        "Date sale price starts", "Date sale price ends", "Tax status", "Tax class", "In stock?", "Stock", "Low stock amount",
        "Backorders allowed?", "Sold individually?", "Weight (kg)", "Length (cm)", "Width (cm)", "Height (cm)", "Allow customer reviews?",
        "Purchase note", "Sale price", "Regular price", "Categories", "Tags", "Shipping class", "Images", "Download limit",
        "Download expiry days", "Parent", "Grouped products", "Upsells", "Cross-sells", "External URL", "Button text", "Position",
        "Attribute 1 name", "Attribute 1 value(s)", "Attribute 1 visible", "Attribute 1 global",
    ];

    /// <summary>A CSV file as the exporters write it: every value quoted, CRLF line ends, unnamed columns empty.</summary>
    private string Write(string name, string[] header, params Dictionary<string, string>[] rows)
    {
        static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var text = new StringBuilder(string.Join(',', header.Select(Quote))).Append("\r\n");
        foreach (var row in rows) text.Append(string.Join(',', header.Select(h => Quote(row.GetValueOrDefault(h, ""))))).Append("\r\n");
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    private Task<RetentionCli.Result> CliAsync(params string[] arguments) =>
        RetentionCli.RunAsync([.. arguments, "--storage", pipeline.Azurite.ConnectionString, "--settings", pipeline.Settings.Path]);

    [Fact]
    public async Task A_Shopify_product_export_is_stored_under_its_handles_one_product_per_handle()
    {
        await pipeline.RegisterShopAsync("catalog-import-shopify", currency: "USD");
        var file = Write("products_export_1.csv", ShopifyHeader,
            new() { ["Handle"] = "classic-tee", ["Title"] = "Classic Tee", ["Body (HTML)"] = "<p>Soft, light cotton.</p>", ["Vendor"] = "Acme",
                ["Product Category"] = "Apparel & Accessories > Clothing > Shirts & Tops", ["Type"] = "T-Shirts", ["Tags"] = "cotton, summer",
                ["Published"] = "true", ["Option1 Name"] = "Size", ["Option1 Value"] = "S", ["Variant SKU"] = "TEE-S", ["Variant Price"] = "19.99",
                ["Image Src"] = "https://cdn.shopify.com/s/files/1/tee.jpg", ["Status"] = "active" },
            new() { ["Handle"] = "classic-tee", ["Option1 Value"] = "M", ["Variant SKU"] = "TEE-M", ["Variant Price"] = "19.99" },
            new() { ["Handle"] = "classic-tee", ["Image Src"] = "https://cdn.shopify.com/s/files/1/tee-back.jpg", ["Image Position"] = "2" },
            new() { ["Handle"] = "ceramic-mug", ["Title"] = "Ceramic Mug, 350 ml", ["Vendor"] = "Acme Home", ["Type"] = "",
                ["Option1 Name"] = "Title", ["Option1 Value"] = "Default Title", ["Variant SKU"] = "MUG-350", ["Status"] = "active" },
            new() { ["Title"] = "A row without its handle" },
            new() { ["Handle"] = "gift-card", ["Title"] = "Gift Card", ["Vendor"] = "Acme", ["Type"] = "Gift Cards", ["Gift Card"] = "true" });

        var result = await CliAsync("catalog", "import", "--shop", "catalog-import-shopify", "--format", "shopify-products-csv", "--file", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("3 products stored", result.Output);
        Assert.Contains("2 variant rows", result.Output);
        Assert.Contains("1 row skipped", result.Output);
        Assert.Contains("line 6: has no Handle", result.Output);
        var catalog = await Products.ReadCatalogAsync("catalog-import-shopify", default);
        Assert.Equal(3, catalog.Count);
        Assert.Equal(new CatalogProduct("classic-tee", "Classic Tee", "T-Shirts", "Acme"), catalog.Find("classic-tee"));
        Assert.Equal(new CatalogProduct("ceramic-mug", "Ceramic Mug, 350 ml", null, "Acme Home"), catalog.Find("ceramic-mug"));
        Assert.Equal((ProductCatalog.Uncategorised, "Gift Cards"), (catalog.CategoryOf("ceramic-mug"), catalog.CategoryOf("gift-card")));
        Assert.Empty(await StoredData.MentionsAsync(pipeline.Storage, "Soft, light cotton", "tee-back.jpg", "TEE-M"));

        var list = await CliAsync("catalog", "list", "--shop", "catalog-import-shopify");
        Assert.True(list.ExitCode == 0, list.Error);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("ceramic-mug", StringComparison.Ordinal) && l.Contains("Ceramic Mug, 350 ml") && l.EndsWith("uncategorised", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("classic-tee", StringComparison.Ordinal) && l.EndsWith("T-Shirts", StringComparison.Ordinal));
        Assert.Equal("3 products", lines[^1]);
    }

    [Fact]
    public async Task A_WooCommerce_product_export_files_each_product_under_the_leaf_of_its_first_category_path()
    {
        await pipeline.RegisterShopAsync("catalog-import-woo", currency: "USD");
        var file = Write("wc-product-export-1-6-2025.csv", WooHeader,
            new() { ["ID"] = "794", ["Type"] = "simple", ["Name"] = "Premium Quality", ["Published"] = "1", ["Description"] = "<p>Pellentesque, habitant.</p>",
                ["Regular price"] = "21.99", ["Categories"] = "Clothing > T-shirts, Featured", ["Images"] = "https://example.com/T_2_front.jpg" },
            new() { ["ID"] = "800", ["Type"] = "variable", ["Name"] = "Hoodie", ["Published"] = "1", ["Categories"] = "Clothing > Hoodies",
                ["Attribute 1 name"] = "Color", ["Attribute 1 value(s)"] = "Blue, Green" },
            new() { ["ID"] = "801", ["Type"] = "variation", ["SKU"] = "woo-hoodie-blue", ["Name"] = "Hoodie - Blue", ["Parent"] = "id:800",
                ["Regular price"] = "45" },
            new() { ["ID"] = "802", ["Type"] = "simple, virtual, downloadable", ["Name"] = "Album", ["Categories"] = "Music" },
            new() { ["ID"] = "803", ["Type"] = "simple", ["Name"] = "Tote &amp; Carry", ["Categories"] = @"Accessories > Bags\, Totes, Sale" },
            new() { ["ID"] = "804", ["Type"] = "simple", ["Name"] = "Sticker" },
            new() { ["ID"] = "", ["Type"] = "simple", ["Name"] = "A product not yet in the shop" });

        var result = await CliAsync("catalog", "import", "--shop", "catalog-import-woo", "--format", "woocommerce-products-csv", "--file", file);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("5 products stored", result.Output);
        Assert.Contains("1 variant row ", result.Output);
        Assert.Contains("line 8: has no ID", result.Output);
        var catalog = await Products.ReadCatalogAsync("catalog-import-woo", default);
        Assert.Equal(5, catalog.Count);
        Assert.Equal(new CatalogProduct("794", "Premium Quality", "T-shirts", null), catalog.Find("794"));
        Assert.Equal(["Hoodies", "Music", "Bags, Totes", ProductCatalog.Uncategorised],
            WooIds.Select(catalog.CategoryOf));
        Assert.Equal("Tote & Carry", catalog.TitleOf("803", null));
        Assert.Null(catalog.Find("801"));

        // The same file again stores the same products (dated anew), and nothing more.
        var again = await CliAsync("catalog", "import", "--shop", "catalog-import-woo", "--format", "woocommerce-products-csv", "--file", file);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(5, (await Products.ReadShopAsync("catalog-import-woo", default)).Count);
    }

    [Fact]
    public async Task A_mistake_on_the_command_line_is_one_readable_line_and_a_non_zero_exit()
    {
        await pipeline.RegisterShopAsync("catalog-import-mistakes", currency: "USD");
        var file = Write("orders.csv", ["Name", "Email", "Total"], new Dictionary<string, string> { ["Name"] = "#1001", ["Total"] = "10.00" });
        var cases = new[]
        {
            (new[] { "--shop", "catalog-import-mistakes", "--format", "shopify-csv", "--file", file }, "--format must be one of shopify-products-csv, woocommerce-products-csv"),
            (new[] { "--shop", "catalog-import-mistakes", "--format", "shopify-products-csv", "--file", Path.Combine(_folder, "missing.csv") }, "does not exist"),
            (new[] { "--shop", "nobody-here", "--format", "shopify-products-csv", "--file", file }, "shop 'nobody-here' is not registered"),
            (new[] { "--shop", "catalog-import-mistakes", "--format", "shopify-products-csv", "--file", file }, "the header lacks the column Handle"),
        };
        foreach (var (arguments, message) in cases)
        {
            var result = await CliAsync(["catalog", "import", .. arguments]);
            Assert.True(result.ExitCode != 0, $"{string.Join(' ', arguments)}: exit 0");
            var error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("retention: ", error);
            Assert.Contains(message, error);
        }
        Assert.Empty(await Products.ReadShopAsync("catalog-import-mistakes", default));
    }
}
