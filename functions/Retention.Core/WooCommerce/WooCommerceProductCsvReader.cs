using System.Net;
using System.Text;
using Retention.Core.Import;
using Retention.Core.Products;

namespace Retention.Core.WooCommerce;

/// <summary>
/// WooCommerce's product export (Products → Export, English column names): one row per product with its <c>ID</c>
/// (what order lines carry as <c>product_id</c>), <c>Name</c> and <c>Categories</c>, plus one row per variation
/// (<c>Type</c> "variation"), which is no product of its own: a line names its parent product. <c>Categories</c> lists
/// the product's categories, each as its path from the top (<c>Clothing &gt; Hoodies, Music</c>, a comma inside a
/// name escaped as <c>\,</c>); the category is the last name of the first path, the category the shop filed it under,
/// as the webhook's first <c>categories[]</c> entry is (<c>docs/products.md</c>).
/// </summary>
public static class WooCommerceProductCsvReader
{
    public const string IdColumn = "ID";
    public const string NameColumn = "Name";
    public const string CategoriesColumn = "Categories";
    public const string TypeColumn = "Type";

    public static IEnumerable<ProductExportRow> Read(TextReader text, DateTimeOffset importedAt)
    {
        using var records = new CsvRecordReader(text).ReadAll().GetEnumerator();
        if (!records.MoveNext()) throw new InvalidDataException("the file is empty: a WooCommerce product export starts with its header row");
        var header = CsvHeader.Read(records.Current.Values);
        if (header.Missing([IdColumn, NameColumn]) is [var missing, ..])
            throw new InvalidDataException($"the header lacks the column {missing}: is this WooCommerce's product export (with English column names)?");
        var id = header.Get(IdColumn);
        var name = header.Get(NameColumn);
        var categories = header.Find(CategoriesColumn);
        var type = header.Find(TypeColumn);

        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.ShapeProblem(header.Count) is { } shape)
            {
                yield return new ProductExportRow(record.Line, null, shape);
                continue;
            }
            if (type is { } t && record.Values[t].Contains("variation", StringComparison.OrdinalIgnoreCase))
            {
                yield return new ProductExportRow(record.Line, null, null);
                continue;
            }
            yield return Product(record, record.Values[id].Trim(), name, categories, importedAt);
        }
    }

    private static ProductExportRow Product(CsvRecord record, string id, int name, int? categories, DateTimeOffset importedAt)
    {
        if (id.Length == 0) return new ProductExportRow(record.Line, null, "has no ID (a product not yet in the shop)");
        if (id.Length > 64 || !id.All(char.IsAsciiDigit)) return new ProductExportRow(record.Line, null, "ID must be a whole number");
        try
        {
            var title = ProductExportFormat.Cell(record.Values, name, NameColumn);
            var category = ProductExportFormat.Cell(record.Values, categories, CategoriesColumn) is { } listed ? FirstCategory(listed) : null;
            return new ProductExportRow(record.Line, new ProductChange(id, title is null ? null : WebUtility.HtmlDecode(title), category, Vendor: null,
                importedAt, Deleted: false, ProductExportFormat.WooCommerceProductsCsv), null);
        }
        catch (InvalidDataException e)
        {
            return new ProductExportRow(record.Line, null, e.Message);
        }
    }

    /// <summary>The last name of the first path of <c>A &gt; B, C</c> (here B), unescaped and HTML-decoded; null when there is none.</summary>
    public static string? FirstCategory(string listed)
    {
        var first = new StringBuilder();
        for (var i = 0; i < listed.Length; i++)
        {
            if (listed[i] == '\\' && i + 1 < listed.Length && listed[i + 1] == ',')
            {
                first.Append(',');
                i++;
            }
            else if (listed[i] == ',') break;
            else first.Append(listed[i]);
        }
        var path = first.ToString();
        // The exporter joins a path's names with " > " and escapes nothing in a name but commas.
        var cut = path.LastIndexOf(" > ", StringComparison.Ordinal);
        var leaf = (cut < 0 ? path : path[(cut + 3)..]).Trim();
        return leaf.Length == 0 ? null : WebUtility.HtmlDecode(leaf);
    }
}
