using Retention.Core.Import;
using Retention.Core.Products;

namespace Retention.Core.Shopify;

/// <summary>
/// Shopify's product export: one row per variant (and per extra image), the rows of a product sharing its
/// <c>Handle</c>, with <c>Title</c>, <c>Vendor</c> and <c>Type</c> on the product's first row. The export has no
/// product id, so a product is recorded under its handle; the webhooks record it under its id, which is what
/// Shopify's order lines carry (<c>docs/products.md</c>). The category is <c>Type</c> (the webhook's
/// <c>product_type</c>; <c>Custom Product Type</c> in 2022's exports), not Shopify's taxonomy <c>Product Category</c>.
/// </summary>
public static class ShopifyProductCsvReader
{
    public const string HandleColumn = "Handle";
    public const string TitleColumn = "Title";
    public const string VendorColumn = "Vendor";
    public const string TypeColumn = "Type";
    public const string OlderTypeColumn = "Custom Product Type";

    public static IEnumerable<ProductExportRow> Read(TextReader text, DateTimeOffset importedAt)
    {
        using var records = new CsvRecordReader(text).ReadAll().GetEnumerator();
        if (!records.MoveNext()) throw new InvalidDataException("the file is empty: a Shopify product export starts with its header row");
        var header = CsvHeader.Read(records.Current.Values);
        if (header.Missing([HandleColumn, TitleColumn]) is [var missing, ..])
            throw new InvalidDataException($"the header lacks the column {missing}: is this Shopify's product export?");
        var handle = header.Get(HandleColumn);
        var title = header.Get(TitleColumn);
        var vendor = header.Find(VendorColumn);
        var type = header.Find(TypeColumn) ?? header.Find(OlderTypeColumn);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.ShapeProblem(header.Count) is { } shape)
            {
                yield return new ProductExportRow(record.Line, null, shape);
                continue;
            }
            var id = record.Values[handle].Trim();
            if (id.Length == 0)
            {
                yield return new ProductExportRow(record.Line, null, "has no Handle");
                continue;
            }
            // A variant's or an image's row: the product was read from its first row.
            if (!seen.Add(id))
            {
                yield return new ProductExportRow(record.Line, null, null);
                continue;
            }
            yield return Product(record, id, title, vendor, type, importedAt);
        }
    }

    private static ProductExportRow Product(CsvRecord record, string handle, int title, int? vendor, int? type, DateTimeOffset importedAt)
    {
        try
        {
            if (handle.Length > ProductChange.MaxTextLength) throw new InvalidDataException($"Handle must be at most {ProductChange.MaxTextLength} characters");
            return new ProductExportRow(record.Line, new ProductChange(handle,
                ProductExportFormat.Cell(record.Values, title, TitleColumn),
                ProductExportFormat.Cell(record.Values, type, TypeColumn),
                ProductExportFormat.Cell(record.Values, vendor, VendorColumn),
                importedAt, Deleted: false, ProductExportFormat.ShopifyProductsCsv), null);
        }
        catch (InvalidDataException e)
        {
            return new ProductExportRow(record.Line, null, e.Message);
        }
    }
}
