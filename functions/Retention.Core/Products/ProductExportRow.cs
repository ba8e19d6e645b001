namespace Retention.Core.Products;

/// <summary>
/// One record of a product export as the catalog import reads it: the product it gives, or why it was skipped
/// (<see cref="Problem"/>), or neither when it only continues a product already read (a Shopify variant or image row,
/// a WooCommerce variation), which is no product of its own.
/// </summary>
/// <param name="Line">the physical line the record starts on (1-based), for people to find it.</param>
public sealed record ProductExportRow(long Line, ProductChange? Product, string? Problem)
{
    public bool IsContinuation => Product is null && Problem is null;
}
