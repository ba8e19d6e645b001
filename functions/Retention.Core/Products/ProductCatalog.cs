namespace Retention.Core.Products;

/// <summary>
/// A shop's products as the night knows them. A line whose product the catalog does not hold, or holds without a
/// category, still counts: under <see cref="Uncategorised"/>.
/// </summary>
public sealed class ProductCatalog
{
    /// <summary>How the figures name the category of a product the catalog cannot place.</summary>
    public const string Uncategorised = "uncategorised";

    private readonly Dictionary<string, CatalogProduct> _products;

    public ProductCatalog(IEnumerable<CatalogProduct> products)
    {
        _products = new Dictionary<string, CatalogProduct>(StringComparer.Ordinal);
        foreach (var product in products) _products[product.ProductId] = product;
    }

    public static ProductCatalog Empty { get; } = new([]);

    public int Count => _products.Count;

    public CatalogProduct? Find(string productId) => _products.GetValueOrDefault(productId);

    /// <summary>The product's category, or <see cref="Uncategorised"/>.</summary>
    public string CategoryOf(string productId) =>
        _products.TryGetValue(productId, out var product) && !string.IsNullOrWhiteSpace(product.Category) ? product.Category : Uncategorised;

    /// <summary>The catalog's title, else the one the order line carried, else the id.</summary>
    public string TitleOf(string productId, string? lineTitle) =>
        _products.TryGetValue(productId, out var product) && !string.IsNullOrWhiteSpace(product.Title) ? product.Title
        : lineTitle ?? productId;
}
