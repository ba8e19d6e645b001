using Retention.Core.Products;

namespace Retention.Pipeline.Products;

/// <summary>
/// Reads a platform's product export into a shop's catalog (<c>retention catalog import</c>). Each product is stored
/// by the catalog's version rule, dated at the import: the export is the shop's products as they are now, and any
/// webhook after it supersedes it. Importing the same file again changes nothing but that date.
/// </summary>
public sealed class CatalogImport(ProductCatalogTable products, TimeProvider clock)
{
    /// <summary>Products written at once; a catalog is one partition, which takes far more.</summary>
    private const int WritesInFlight = 8;

    public async Task<CatalogImportResult> ImportAsync(string shopId, string format, TextReader file, CancellationToken cancellationToken)
    {
        var rows = ProductExportFormat.Read(format, file, clock.GetUtcNow()).ToList();
        var skipped = rows.Where(r => r.Problem is not null).Select(r => (r.Line, r.Problem!)).ToList();
        var read = rows.Where(r => r.Product is not null).Select(r => r.Product!)
            // A product listed twice is stored as its last row says.
            .GroupBy(p => p.ProductId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var results = new ProductUpsertResult[read.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, read.Count),
            new ParallelOptions { MaxDegreeOfParallelism = WritesInFlight, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await products.UpsertAsync(shopId, read[i], ct));
        return new CatalogImportResult(
            Stored: results.Count(r => r != ProductUpsertResult.KeptNewer),
            KeptNewer: results.Count(r => r == ProductUpsertResult.KeptNewer),
            Continuations: rows.Count(r => r.IsContinuation),
            Skipped: skipped);
    }
}

/// <param name="Stored">products written (new, or replacing the stored version).</param>
/// <param name="KeptNewer">products whose stored version is newer than the import (a webhook dated later).</param>
/// <param name="Continuations">rows that only continue a product (Shopify variant and image rows, WooCommerce variations).</param>
/// <param name="Skipped">rows that could not be read, with their line and why.</param>
public sealed record CatalogImportResult(int Stored, int KeptNewer, int Continuations, IReadOnlyList<(long Line, string Reason)> Skipped);
