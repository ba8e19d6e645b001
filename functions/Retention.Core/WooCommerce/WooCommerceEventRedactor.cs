using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Events;

namespace Retention.Core.WooCommerce;

/// <summary>
/// Makes the archived copy of a WooCommerce order webhook: only the fields <see cref="WooCommerceOrderNormalizer"/>
/// reads, with a guest's <c>billing.email</c> replaced by its salted hash (<c>billing.email_hash</c>). Of the
/// addresses only <c>country</c> is kept; of the line items the product, variation, SKU, name, quantity and totals;
/// of the coupons their codes; of the meta data only the order attribution entries, the referrer reduced to its host.
/// Names, streets, cities, postcodes, phones, IP address, user agent, notes, line item meta and refund reasons never
/// reach storage, while normalizing the archived copy again gives the same order.
/// </summary>
public static class WooCommerceEventRedactor
{
    private static readonly string[] Fields = ["id", "customer_id", "created_via", "date_created_gmt", "date_modified_gmt", "currency", "total", "status"];
    private static readonly string[] RefundFields = ["id", "total"];
    private static readonly string[] CouponFields = ["code"];
    private static readonly string[] AddressFields = ["country"];

    /// <param name="body">a body that <see cref="WooCommerceOrderNormalizer"/> accepted.</param>
    /// <param name="order">what it normalized to.</param>
    public static byte[] Redact(ReadOnlySpan<byte> body, NormalizedOrder order)
    {
        var source = JsonNode.Parse(body)!.AsObject();
        var kept = JsonKeep.Fields(source, Fields);

        foreach (var address in (string[])["shipping", "billing"])
            if (source[address] is JsonObject) kept[address] = JsonKeep.Fields(source[address], AddressFields);
        if (order.CustomerKey.StartsWith(CustomerKeyPrefixes.Email, StringComparison.Ordinal))
        {
            var billing = kept["billing"] as JsonObject ?? new JsonObject();
            billing["email_hash"] = order.CustomerKey[CustomerKeyPrefixes.Email.Length..];
            kept["billing"] = billing;
        }

        if (JsonKeep.EachFields(source["refunds"], RefundFields) is { } refunds) kept["refunds"] = refunds;
        if (JsonKeep.EachFields(source[WooCommerceOrderLines.Field], WooCommerceOrderLines.Read) is { } lines) kept[WooCommerceOrderLines.Field] = lines;
        if (JsonKeep.EachFields(source[WooCommerceOrderPlace.Coupons], CouponFields) is { } coupons) kept[WooCommerceOrderPlace.Coupons] = coupons;
        if (Attribution(source["meta_data"]) is { Count: > 0 } meta) kept["meta_data"] = meta;
        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }

    /// <summary>The attribution entries the normalizer reads, as <c>{key, value}</c>; the referrer as its host alone.</summary>
    private static JsonArray? Attribution(JsonNode? metaData)
    {
        if (metaData is not JsonArray entries) return null;
        var kept = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (entry["key"] is not JsonValue key || !key.TryGetValue<string>(out var name)) continue;
            // The first entry of a key is the one read: a later one is not kept, so it cannot become the first.
            if (!WooCommerceOrderAttribution.Keys.Contains(name) || !seen.Add(name)) continue;
            var value = entry["value"]?.DeepClone();
            if (name == WooCommerceOrderAttribution.Referrer && value is JsonValue url && url.TryGetValue<string>(out var text))
                value = WooCommerceOrderAttribution.ReferrerHost(text) is { } host ? JsonValue.Create(host) : null;
            kept.Add(new JsonObject { ["key"] = name, ["value"] = value });
        }
        return kept;
    }
}
