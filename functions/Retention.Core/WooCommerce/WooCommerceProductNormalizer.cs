using System.Globalization;
using System.Net;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Products;

namespace Retention.Core.WooCommerce;

/// <summary>
/// WooCommerce's product webhooks (<c>docs/products.md</c>): <c>product.created</c>, <c>product.updated</c> and
/// <c>product.restored</c> carry the REST API's product, of which only <c>id</c>, <c>name</c>, the first of
/// <c>categories[]</c> (its <c>name</c> is the category) and <c>date_modified_gmt</c> are read; <c>product.deleted</c>
/// (trashed or deleted) carries only <c>{"id": N}</c> and is dated when received. WooCommerce has no vendor.
/// </summary>
public static class WooCommerceProductNormalizer
{
    public const string DeletedTopic = "product.deleted";
    public const string EventKind = "woocommerce-product";

    /// <summary>Topics whose body is the whole product.</summary>
    public static readonly IReadOnlySet<string> ProductTopics = new HashSet<string>(StringComparer.Ordinal)
        { "product.created", "product.updated", "product.restored" };

    /// <summary>More categories than any shop gives one product; a longer array is refused rather than read.</summary>
    public const int MaxCategories = 1000;

    public static bool IsProductTopic(string topic) => topic == DeletedTopic || ProductTopics.Contains(topic);

    /// <param name="receivedAt">when the delivery came: the time of a deletion, and of a product without <c>date_modified_gmt</c>.</param>
    public static (ProductChange? Change, EventProblem? Problem) Normalize(string topic, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        JsonEventReader.Read(body, root =>
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw new EventFieldException("$", "the body must be a JSON object such as {\"id\":794,\"name\":\"Premium Quality\"}");
            var id = JsonFields.Identifier(JsonFields.Required(root, "id", "id"), "id");
            if (topic == DeletedTopic) return ProductChange.Deletion(id, receivedAt, EventKind);
            var name = ProductText.Optional(root, "name", "name");
            return new ProductChange(id, name is null ? null : WebUtility.HtmlDecode(name), FirstCategory(root),
                Vendor: null, UpdatedAt(root, receivedAt), Deleted: false, EventKind);
        });

    /// <summary>
    /// The first category's name, HTML entities decoded (WordPress keeps the category "Bags &amp; Shoes" as "Bags &amp;amp; Shoes"),
    /// as the product export writes it. Every element is checked, so a hostile one is refused wherever it is.
    /// </summary>
    private static string? FirstCategory(JsonElement root)
    {
        string? first = null;
        foreach (var (category, path, index) in JsonFields.Objects(root, "categories"))
        {
            if (index >= MaxCategories) throw new EventFieldException("categories", $"must hold at most {MaxCategories} categories");
            var name = ProductText.Optional(category, "name", path + ".name");
            if (index == 0 && name is not null) first = WebUtility.HtmlDecode(name);
        }
        return first;
    }

    /// <summary><c>date_modified_gmt</c> carries no offset (<c>2017-03-23T17:01:14</c>) and is UTC; one with an offset is read as such.</summary>
    private static DateTimeOffset UpdatedAt(JsonElement root, DateTimeOffset receivedAt)
    {
        const string path = "date_modified_gmt";
        if (JsonFields.Optional(root, path) is not { } value) return receivedAt;
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a date string such as 2017-03-23T17:01:14");
        var text = value.GetString()!;
        if (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'))
            return JsonFields.Timestamp(value, path);
        if (!DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
            throw new EventFieldException(path, "must be a date such as 2017-03-23T17:01:14 (UTC)");
        if (utc.Year is < 1990 or > 2200) throw new EventFieldException(path, "is outside the years 1990 to 2200");
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }
}
