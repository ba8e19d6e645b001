using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Retention.Core.Events;

namespace Retention.Core.Products;

/// <summary>
/// One product's state as a platform last told it: a webhook's product, a row of a product export, or a deletion
/// (<see cref="Deleted"/>, with no title, category or vendor). Only these fields are ever kept of a product: no
/// description, image, price or stock. It is also what a product webhook is archived as, so the raw record of the
/// event holds nothing more than the table does.
/// </summary>
/// <param name="UpdatedAt">the platform's <c>updated_at</c> / <c>date_modified_gmt</c>; for a deletion, which carries no time, when it was received.</param>
/// <param name="Source">where it came from: the event kind of a webhook, or the export format of an import.</param>
public sealed record ProductChange(string ProductId, string? Title, string? Category, string? Vendor, DateTimeOffset UpdatedAt, bool Deleted,
    string Source)
{
    /// <summary>Shopify's limit for a title, product type and vendor; longer is no product of a real shop.</summary>
    public const int MaxTextLength = 255;

    public static ProductChange Deletion(string productId, DateTimeOffset receivedAt, string source) =>
        new(productId, null, null, null, receivedAt, Deleted: true, source);

    /// <summary>The catalog's view: null for a deleted product, whose lines the figures count as uncategorised.</summary>
    public CatalogProduct? ToCatalogProduct() => Deleted ? null : new CatalogProduct(ProductId, Title, Category, Vendor);

    /// <summary>The content, without the source: two deliveries saying the same are the same version.</summary>
    public string Fingerprint()
    {
        var text = new StringBuilder().Append(ProductId).Append('\n').Append(Title).Append('\n').Append(Category).Append('\n')
            .Append(Vendor).Append('\n').Append(UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n').Append(Deleted);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// True when this version should replace the stored one: a later time wins; at the same time a deletion
    /// wins over a product, and otherwise the larger fingerprint, so the stored row never depends on arrival order.
    /// </summary>
    public bool Supersedes(DateTimeOffset storedUpdatedAt, bool storedDeleted, string storedFingerprint) =>
        UpdatedAt > storedUpdatedAt
        || (UpdatedAt == storedUpdatedAt && (Deleted && !storedDeleted
            || (Deleted == storedDeleted && string.CompareOrdinal(Fingerprint(), storedFingerprint) > 0)));

    /// <summary>The archived record: <c>{"id","title","category","vendor","updated_at","deleted","source"}</c>.</summary>
    public byte[] ToArchive() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["id"] = ProductId,
        ["title"] = Title,
        ["category"] = Category,
        ["vendor"] = Vendor,
        ["updated_at"] = UpdatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        ["deleted"] = Deleted,
        ["source"] = Source,
    });

    /// <summary>Reads an archived record (<see cref="ToArchive"/>).</summary>
    public static (ProductChange? Change, EventProblem? Problem) Read(ReadOnlyMemory<byte> archived) =>
        JsonEventReader.Read(archived, root =>
        {
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "must be a JSON object");
            return new ProductChange(
                JsonFields.Identifier(JsonFields.Required(root, "id", "id"), "id"),
                ProductText.Optional(root, "title", "title"),
                ProductText.Optional(root, "category", "category"),
                ProductText.Optional(root, "vendor", "vendor"),
                JsonFields.Timestamp(JsonFields.Required(root, "updated_at", "updated_at"), "updated_at"),
                JsonFields.Boolean(JsonFields.Required(root, "deleted", "deleted"), "deleted"),
                JsonFields.String(JsonFields.Required(root, "source", "source"), "source"));
        });
}
