using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Products;

namespace Retention.Core.Shopify;

/// <summary>
/// Shopify's product webhooks (<c>docs/products.md</c>): <c>products/create</c> and <c>products/update</c> carry the
/// whole product, of which only <c>id</c>, <c>title</c>, <c>product_type</c> (the category; blank is none),
/// <c>vendor</c> and <c>updated_at</c> are read; <c>products/delete</c> carries only <c>{"id": N}</c> and is dated when
/// received. Descriptions, images, variants and prices are never read or archived: the archived record is the
/// <see cref="ProductChange"/> itself.
/// </summary>
public static class ShopifyProductNormalizer
{
    public const string CreateTopic = "products/create";
    public const string UpdateTopic = "products/update";
    public const string DeleteTopic = "products/delete";
    public const string EventKind = "shopify-product";

    public static readonly IReadOnlySet<string> Topics = new HashSet<string>(StringComparer.Ordinal) { CreateTopic, UpdateTopic, DeleteTopic };

    /// <param name="receivedAt">when the delivery came: the time of a deletion, which Shopify does not date.</param>
    public static (ProductChange? Change, EventProblem? Problem) Normalize(string topic, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt) =>
        JsonEventReader.Read(body, root =>
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw new EventFieldException("$", "the body must be a JSON object such as {\"id\":632910392,\"title\":\"IPod Nano - 8GB\"}");
            var id = JsonFields.Identifier(JsonFields.Required(root, "id", "id"), "id");
            if (topic == DeleteTopic) return ProductChange.Deletion(id, receivedAt, EventKind);
            return new ProductChange(id,
                ProductText.Optional(root, "title", "title"),
                ProductText.Optional(root, "product_type", "product_type"),
                ProductText.Optional(root, "vendor", "vendor"),
                JsonFields.Timestamp(JsonFields.Required(root, "updated_at", "updated_at"), "updated_at"),
                Deleted: false, EventKind);
        });
}
