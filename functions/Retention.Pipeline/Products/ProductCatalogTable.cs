using Azure;
using Azure.Data.Tables;
using Retention.Core.Products;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Products;

/// <summary>What storing a product version did.</summary>
public enum ProductUpsertResult { Inserted, Replaced, KeptNewer }

/// <summary>
/// The <c>products</c> table (<c>docs/storage.md</c>, <c>docs/products.md</c>): PartitionKey = shop, RowKey = the
/// escaped product id (a Shopify import's handle), one row per product holding only its title, category, vendor, the
/// time of its version and whether it was deleted. A deletion stays as a marked row, so an update that Shopify or
/// WooCommerce delivers late, older than the deletion, cannot bring the product back. A shop's catalog is one
/// partition: products are few next to orders, and the night reads it in one query.
/// </summary>
public sealed class ProductCatalogTable(RetentionStorage storage)
{
    private const int MaxConcurrencyRetries = 8;

    private TableClient Table => storage.Table(StorageNames.ProductsTable);

    /// <summary>
    /// Stores the version unless the stored one supersedes it or is the same (<see cref="ProductChange.Supersedes"/>).
    /// ETag-checked, so two processors racing on one product converge on the same row.
    /// </summary>
    public async Task<ProductUpsertResult> UpsertAsync(string shopId, ProductChange change, CancellationToken cancellationToken)
    {
        var row = ToEntity(shopId, change);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(shopId, row.RowKey, ["UpdatedAt", "Deleted", "Fingerprint"],
                cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await Table.AddEntityAsync(row, cancellationToken);
                    return ProductUpsertResult.Inserted;
                }
                var stored = existing.Value!;
                if (!change.Supersedes(stored.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, stored.GetBoolean("Deleted") ?? false,
                        stored.GetString("Fingerprint") ?? ""))
                    return ProductUpsertResult.KeptNewer;
                await Table.UpdateEntityAsync(row, stored.ETag, TableUpdateMode.Replace, cancellationToken);
                return ProductUpsertResult.Replaced;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxConcurrencyRetries)
            {
                // Another processor wrote this product between our read and our write: read again and decide again.
            }
        }
    }

    /// <summary>Every stored product of the shop, deleted ones included, by product id.</summary>
    public async Task<IReadOnlyList<ProductChange>> ReadShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var products = new List<ProductChange>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
            products.Add(FromEntity(row));
        return [.. products.OrderBy(p => p.ProductId, StringComparer.Ordinal)];
    }

    /// <summary>The shop's catalog as the night reads it: its products that are not deleted.</summary>
    public async Task<ProductCatalog> ReadCatalogAsync(string shopId, CancellationToken cancellationToken) =>
        new((await ReadShopAsync(shopId, cancellationToken)).Select(p => p.ToCatalogProduct()).OfType<CatalogProduct>());

    private static TableEntity ToEntity(string shopId, ProductChange change) => new(shopId, TableKey.Escape(change.ProductId))
    {
        ["ProductId"] = change.ProductId,
        ["Title"] = change.Title,
        ["Category"] = change.Category,
        ["Vendor"] = change.Vendor,
        ["UpdatedAt"] = change.UpdatedAt.ToUniversalTime(),
        ["Deleted"] = change.Deleted,
        ["Source"] = change.Source,
        ["Fingerprint"] = change.Fingerprint(),
    };

    private static ProductChange FromEntity(TableEntity row) => new(
        row.GetString("ProductId"),
        row.GetString("Title"),
        row.GetString("Category"),
        row.GetString("Vendor"),
        row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        row.GetBoolean("Deleted") ?? false,
        row.GetString("Source") ?? "");
}
