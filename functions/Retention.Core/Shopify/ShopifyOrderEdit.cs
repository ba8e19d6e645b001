using System.Text.Json;
using Retention.Core.Events;

namespace Retention.Core.Shopify;

/// <summary>What an <c>orders/edited</c> webhook says: which order was edited, by which edit.</summary>
public sealed record ShopifyOrderEdit(string EditId, string OrderId);

/// <summary>
/// Reads Shopify's <c>orders/edited</c> body, <c>{"order_edit": {"id", "order_id", "line_items": {"additions",
/// "removals"}, "discounts", "shipping_lines", …}}</c>. It lists what changed (line item ids and quantity deltas), not
/// the order's new totals, so nothing here can be stored as a version of the order: the <c>orders/updated</c> that
/// Shopify sends for every edit carries the order's full state afterwards, and that one is stored. The body is read
/// only so a malformed delivery is refused and a good one is logged with its order id.
/// </summary>
public static class ShopifyOrderEditReader
{
    public const string Topic = "orders/edited";

    public static (ShopifyOrderEdit? Edit, EventProblem? Problem) Read(ReadOnlyMemory<byte> body) =>
        JsonEventReader.Read(body, root =>
        {
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object with order_edit");
            var edit = JsonFields.Required(root, "order_edit", "order_edit");
            if (edit.ValueKind != JsonValueKind.Object) throw new EventFieldException("order_edit", "must be an object");
            return new ShopifyOrderEdit(
                JsonFields.Identifier(JsonFields.Required(edit, "id", "order_edit.id"), "order_edit.id"),
                JsonFields.Identifier(JsonFields.Required(edit, "order_id", "order_edit.order_id"), "order_edit.order_id"));
        });
}
