using Retention.Core.Shopify;
using Retention.Core.WooCommerce;

namespace Retention.Core.Products;

/// <summary>The platforms' product exports the catalog import reads (<c>docs/products.md</c>).</summary>
public static class ProductExportFormat
{
    /// <summary>Shopify admin → Products → Export, "CSV for Excel, Numbers, or other spreadsheet programs" or plain CSV.</summary>
    public const string ShopifyProductsCsv = "shopify-products-csv";

    /// <summary>WooCommerce → Products → Export (the built-in CSV exporter).</summary>
    public const string WooCommerceProductsCsv = "woocommerce-products-csv";

    public static IReadOnlyList<string> All { get; } = [ShopifyProductsCsv, WooCommerceProductsCsv];

    /// <summary>The rows of a file of the format, each product dated <paramref name="importedAt"/> (an export carries no time of change).</summary>
    /// <exception cref="InvalidDataException">the header lacks a column the format cannot do without.</exception>
    /// <exception cref="ArgumentException">an unknown format.</exception>
    public static IEnumerable<ProductExportRow> Read(string format, TextReader text, DateTimeOffset importedAt) => format switch
    {
        ShopifyProductsCsv => ShopifyProductCsvReader.Read(text, importedAt),
        WooCommerceProductsCsv => WooCommerceProductCsvReader.Read(text, importedAt),
        _ => throw new ArgumentException($"unknown product export format '{format}' (one of: {string.Join(", ", All)})", nameof(format)),
    };

    /// <summary>A cell's text for the catalog, or the row's problem naming the column.</summary>
    internal static string? Cell(IReadOnlyList<string> values, int? position, string column) =>
        position is { } i && i < values.Count
            ? ProductText.Clean(values[i], message => new InvalidDataException($"{column} {message}"))
            : null;
}
