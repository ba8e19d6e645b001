using System.Globalization;
using System.Net;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.WooCommerce;

/// <summary>
/// The <c>line_items[]</c> of WooCommerce's order object as <see cref="OrderLine"/>s. A line's amount is its
/// <c>total</c> (after the line's coupons, before tax) plus its <c>total_tax</c>: what the customer paid for it, in
/// the same terms as the order's <c>total</c>, which includes tax. The order object says nothing of refunded
/// quantities (its <c>refunds[]</c> hold an id, a reason and an amount), so no line has a returned quantity.
/// </summary>
internal static class WooCommerceOrderLines
{
    public const string Field = "line_items";

    /// <summary>The fields of a line the normalizer reads, and so all the archived copy keeps of one.</summary>
    public static readonly IReadOnlyList<string> Read = ["product_id", "variation_id", "sku", "name", "quantity", "total", "total_tax"];

    /// <summary>More than any order holds; larger is a mistake or an attack, refused naming the line's quantity.</summary>
    public const int MaxQuantity = 100_000_000;

    public const int MaxSkuLength = 256;

    public static IReadOnlyList<OrderLine> From(JsonElement root)
    {
        if (JsonFields.Optional(root, Field) is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > OrderLine.MaxPerOrder)
            throw new EventFieldException(Field, $"must hold at most {OrderLine.MaxPerOrder.ToString(CultureInfo.InvariantCulture)} lines");
        var lines = new List<OrderLine>();
        foreach (var (item, path, _) in JsonFields.Objects(root, Field))
            lines.Add(Line(item, path));
        return lines;
    }

    private static OrderLine Line(JsonElement item, string path)
    {
        var productId = Id(item, "product_id", path) ?? OrderLine.CustomItem;
        var variantId = Id(item, "variation_id", path);
        var sku = JsonFields.Optional(item, "sku") is { } s ? Text(s, path + ".sku", MaxSkuLength) : null;
        var title = JsonFields.Optional(item, "name") is { } n ? Title(n, path + ".name") : null;
        var quantity = Quantity(JsonFields.Required(item, "quantity", path + ".quantity"), path + ".quantity");
        var total = JsonFields.Amount(JsonFields.Required(item, "total", path + ".total"), path + ".total");
        var tax = JsonFields.Optional(item, "total_tax") is { } t ? JsonFields.Amount(t, path + ".total_tax") : 0m;
        return new OrderLine(productId, variantId, sku, title, quantity, total + tax);
    }

    /// <summary>WooCommerce's ids are integers; 0 means none (a line of a deleted product, a simple product's variation).</summary>
    private static string? Id(JsonElement item, string name, string path)
    {
        if (JsonFields.Optional(item, name) is not { } value) return null;
        var id = JsonFields.Identifier(value, path + "." + name);
        return id == "0" ? null : id;
    }

    /// <summary>A short text where WooCommerce writes "" for none.</summary>
    private static string? Text(JsonElement value, string path, int maxLength)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0) return null;
        return JsonFields.String(value, path, maxLength).Trim();
    }

    /// <summary>
    /// The product's name as WooCommerce's REST API gives it, with HTML entities (<c>Ship Your Idea &amp;ndash; Color: Black</c>):
    /// decoded, without control characters, cut to <see cref="OrderLine.MaxTitleLength"/>. A title is for people, so a
    /// long one is cut, not refused.
    /// </summary>
    private static string? Title(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a string");
        var decoded = WebUtility.HtmlDecode(value.GetString()!);
        var text = new string([.. decoded.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return text.Length == 0 ? null : OrderLine.CutTitle(text);
    }

    /// <summary>A whole number of items, as WooCommerce sends it (an integer; a string holding one is read alike).</summary>
    private static int Quantity(JsonElement value, string path)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!.Trim(),
            _ => throw new EventFieldException(path, "must be a whole number"),
        };
        if (text.Length > 12 || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
            throw new EventFieldException(path, "must be a whole number");
        if (quantity < 0) throw new EventFieldException(path, "must not be negative");
        if (quantity > MaxQuantity)
            throw new EventFieldException(path, $"must not exceed {MaxQuantity.ToString(CultureInfo.InvariantCulture)}");
        return quantity;
    }
}
