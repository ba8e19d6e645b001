using System.Globalization;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>
/// The order's <c>line_items[]</c> as <see cref="OrderLine"/>s (<c>docs/shopify.md</c>, "Lines"). Amounts are the shop's
/// money: <c>price_set.shop_money.amount</c> (else <c>price</c>, which Shopify gives in the shop's currency) and each
/// <c>discount_allocations[].amount_set.shop_money.amount</c> (else <c>amount</c>), so a line of an order paid in another
/// currency still adds up in the shop's.
/// </summary>
internal static class ShopifyLineItemReader
{
    /// <summary>More of one product in one line than any shop sells: a larger number is a mistake or an attack.</summary>
    public const int MaxQuantity = 1_000_000;

    public const int MaxSkuLength = 255;

    public static IReadOnlyList<OrderLine> Read(JsonElement root)
    {
        if (JsonFields.Optional(root, "line_items") is not { } array) return [];
        if (array.ValueKind != JsonValueKind.Array) throw new EventFieldException("line_items", "must be an array");
        var count = array.GetArrayLength();
        if (count > OrderLine.MaxPerOrder)
            throw new EventFieldException("line_items", $"has {count.ToString(CultureInfo.InvariantCulture)} lines; at most {OrderLine.MaxPerOrder.ToString(CultureInfo.InvariantCulture)} are read");
        var returned = ReturnedQuantities(root);
        var lines = new List<OrderLine>(count);
        foreach (var (item, path, _) in JsonFields.Objects(root, "line_items"))
            lines.Add(ReadLine(item, path, returned));
        return lines;
    }

    private static OrderLine ReadLine(JsonElement item, string path, Dictionary<string, long> returned)
    {
        var lineId = JsonFields.Optional(item, "id") is { } id ? JsonFields.Identifier(id, path + ".id") : null;
        var productId = JsonFields.Optional(item, "product_id") is { } p ? JsonFields.Identifier(p, path + ".product_id") : OrderLine.CustomItem;
        var variantId = JsonFields.Optional(item, "variant_id") is { } v ? JsonFields.Identifier(v, path + ".variant_id") : null;
        var sku = OptionalText(item, "sku", path + ".sku", MaxSkuLength);
        var title = Title(item, path);
        var quantity = Quantity(JsonFields.Required(item, "quantity", path + ".quantity"), path + ".quantity");

        var price = ShopMoney(item, "price", path);
        var discounts = 0m;
        foreach (var (allocation, allocationPath, _) in Objects(item, "discount_allocations", path))
            discounts += ShopMoney(allocation, "amount", allocationPath);
        var gross = price * quantity;
        if (discounts > gross) throw new EventFieldException(path + ".discount_allocations", "allocate more discount than the line's price × quantity");

        // A line refunded more often than it was bought (not something Shopify sends) counts as refunded in full.
        var returnedQuantity = lineId is not null && returned.TryGetValue(lineId, out var r) ? (int)Math.Min(r, quantity) : 0;
        return new OrderLine(productId, variantId, sku, title, quantity, gross - discounts, returnedQuantity);
    }

    /// <summary>
    /// <c>title</c> (the product's title; <c>name</c> adds the variant's), else <c>name</c>. A title longer than
    /// <see cref="OrderLine.MaxTitleLength"/> is cut, not refused: titles are for people, and the product id is the key.
    /// </summary>
    private static string? Title(JsonElement item, string path)
    {
        var (field, value) = JsonFields.Optional(item, "title") is { } t ? ("title", t)
            : JsonFields.Optional(item, "name") is { } n ? ("name", n) : (null, default);
        if (field is null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException($"{path}.{field}", "must be a string");
        var text = value.GetString()!.Trim();
        if (text.Any(char.IsControl)) throw new EventFieldException($"{path}.{field}", "must not contain control characters");
        if (text.Length == 0) return null;
        return OrderLine.CutTitle(text);
    }

    private static int Quantity(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var quantity))
            throw new EventFieldException(path, "must be a whole number");
        if (quantity is < 0 or > MaxQuantity)
            throw new EventFieldException(path, $"must be between 0 and {MaxQuantity.ToString(CultureInfo.InvariantCulture)}");
        return quantity;
    }

    /// <summary><c>{name}_set.shop_money.amount</c>, else <c>{name}</c>: money in the shop's currency.</summary>
    private static decimal ShopMoney(JsonElement obj, string name, string path)
    {
        if (JsonFields.Optional(obj, name + "_set") is { } set)
        {
            if (set.ValueKind != JsonValueKind.Object) throw new EventFieldException($"{path}.{name}_set", "must be an object");
            if (JsonFields.Optional(set, "shop_money") is { } shopMoney)
            {
                var amountPath = $"{path}.{name}_set.shop_money.amount";
                if (shopMoney.ValueKind != JsonValueKind.Object) throw new EventFieldException($"{path}.{name}_set.shop_money", "must be an object");
                return JsonFields.Amount(JsonFields.Required(shopMoney, "amount", amountPath), amountPath);
            }
        }
        return JsonFields.Amount(JsonFields.Required(obj, name, $"{path}.{name}"), $"{path}.{name}");
    }

    /// <summary>Per line item id, the quantity of it that <c>refunds[].refund_line_items[]</c> list.</summary>
    private static Dictionary<string, long> ReturnedQuantities(JsonElement root)
    {
        var returned = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (refund, refundPath, _) in JsonFields.Objects(root, "refunds"))
            foreach (var (line, linePath, _) in Objects(refund, "refund_line_items", refundPath))
            {
                if (JsonFields.Optional(line, "line_item_id") is not { } lineItemId) continue;
                var id = JsonFields.Identifier(lineItemId, linePath + ".line_item_id");
                var quantity = Quantity(JsonFields.Required(line, "quantity", linePath + ".quantity"), linePath + ".quantity");
                returned[id] = returned.GetValueOrDefault(id) + quantity;
            }
        return returned;
    }

    /// <summary>The objects of an array inside an element, each with its full path (<c>line_items[2].discount_allocations[0]</c>).</summary>
    private static IEnumerable<(JsonElement Item, string Path, int Index)> Objects(JsonElement obj, string field, string path)
    {
        try
        {
            return [.. JsonFields.Objects(obj, field).Select(o => (o.Item, $"{path}.{o.Path}", o.Index))];
        }
        catch (EventFieldException e)
        {
            throw new EventFieldException($"{path}.{e.Field}", e.Message);
        }
    }

    private static string? OptionalText(JsonElement obj, string name, string path, int maxLength)
    {
        if (JsonFields.Optional(obj, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0) return null;
        return JsonFields.String(value, path, maxLength).Trim();
    }
}
