using System.Globalization;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>The codes of <c>discount_codes[]</c> (<c>docs/shopify.md</c>, "Discount codes"); the amounts are not read.</summary>
internal static class ShopifyDiscountCodeReader
{
    public static IReadOnlyList<string> Read(JsonElement root)
    {
        if (JsonFields.Optional(root, "discount_codes") is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > DiscountCode.MaxPerOrder)
            throw new EventFieldException("discount_codes",
                $"has {array.GetArrayLength().ToString(CultureInfo.InvariantCulture)} codes; at most {DiscountCode.MaxPerOrder.ToString(CultureInfo.InvariantCulture)} are read");
        var codes = new List<string>();
        foreach (var (item, path, _) in JsonFields.Objects(root, "discount_codes"))
        {
            if (JsonFields.Optional(item, "code") is not { } value) continue;
            if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path + ".code", "must be a string");
            var text = value.GetString()!;
            if (text.Length > DiscountCode.MaxLength)
                throw new EventFieldException(path + ".code", $"must be at most {DiscountCode.MaxLength.ToString(CultureInfo.InvariantCulture)} characters");
            if (text.Any(char.IsControl)) throw new EventFieldException(path + ".code", "must not contain control characters");
            if (DiscountCode.Clean(text) is { } code && !codes.Contains(code)) codes.Add(code);
        }
        return codes;
    }
}
