using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>
/// The order's country: <c>shipping_address.country_code</c>, else <c>billing_address.country_code</c>. Nothing else of
/// an address is read (<c>docs/shopify.md</c>, "Country").
/// </summary>
internal static class ShopifyCountryReader
{
    public static string? Read(JsonElement root) => Code(root, "shipping_address") ?? Code(root, "billing_address");

    private static string? Code(JsonElement root, string address)
    {
        if (JsonFields.Optional(root, address) is not { } obj) return null;
        if (obj.ValueKind != JsonValueKind.Object) throw new EventFieldException(address, "must be an object");
        var path = address + ".country_code";
        if (JsonFields.Optional(obj, "country_code") is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a string");
        return CountryCode.TryRead(value.GetString(), out var code) ? code
            : throw new EventFieldException(path, "must be an ISO 3166-1 alpha-2 country code such as US");
    }
}
