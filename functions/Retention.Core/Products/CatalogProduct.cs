namespace Retention.Core.Products;

/// <summary>
/// One product of a shop's catalog as the figures group by it: its title for people, and the category it belongs to
/// (Shopify's <c>product_type</c>, WooCommerce's first category), with Shopify's vendor kept beside it.
/// </summary>
public sealed record CatalogProduct(string ProductId, string? Title, string? Category, string? Vendor);
