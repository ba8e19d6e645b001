using System.Globalization;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.WooCommerce;

/// <summary>
/// The discount codes and the country of a WooCommerce order: <c>coupon_lines[].code</c>, and the <c>country</c> of
/// <c>shipping</c>, else of <c>billing</c>. Nothing else of an address is read.
/// </summary>
internal static class WooCommerceOrderPlace
{
    public const string Coupons = "coupon_lines";

    public static IReadOnlyList<string> DiscountCodes(JsonElement root)
    {
        if (JsonFields.Optional(root, Coupons) is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > DiscountCode.MaxPerOrder)
            throw new EventFieldException(Coupons, $"must hold at most {DiscountCode.MaxPerOrder.ToString(CultureInfo.InvariantCulture)} coupons");
        var codes = new List<string>();
        foreach (var (item, path, _) in JsonFields.Objects(root, Coupons))
        {
            var code = JsonFields.Required(item, "code", path + ".code");
            if (code.ValueKind != JsonValueKind.String) throw new EventFieldException(path + ".code", "must be a string");
            if (code.GetString()!.Length > DiscountCode.MaxLength)
                throw new EventFieldException(path + ".code", $"must be at most {DiscountCode.MaxLength.ToString(CultureInfo.InvariantCulture)} characters");
            if (code.GetString()!.Any(char.IsControl)) throw new EventFieldException(path + ".code", "must not contain control characters");
            if (DiscountCode.Clean(code.GetString()!) is { } clean && !codes.Contains(clean)) codes.Add(clean);
        }
        return codes;
    }

    /// <summary>The shipping address's country, else the billing address's; null when neither says (a virtual product's order may have neither).</summary>
    public static string? Country(JsonElement root)
    {
        var (shipped, shipping) = Read(root, "shipping");
        return shipped ? shipping : Read(root, "billing").Code;
    }

    /// <returns>whether the address names a country, and its code.</returns>
    private static (bool Said, string? Code) Read(JsonElement root, string address)
    {
        if (JsonFields.Optional(root, address) is not { } obj) return (false, null);
        if (obj.ValueKind != JsonValueKind.Object) throw new EventFieldException(address, "must be an object");
        if (JsonFields.Optional(obj, "country") is not { } value) return (false, null);
        var path = address + ".country";
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a string such as \"US\"");
        var text = value.GetString()!;
        if (text.Length > 8 || !CountryCode.TryRead(text, out var code))
            throw new EventFieldException(path, "must be an ISO 3166-1 alpha-2 country code such as \"US\"");
        return (code is not null, code);
    }
}
