using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Events;

namespace Retention.Core.WooCommerce;

/// <summary>
/// Makes the archived copy of a WooCommerce order webhook: only the fields <see cref="WooCommerceOrderNormalizer"/>
/// reads, with a guest's <c>billing.email</c> replaced by its salted hash (<c>billing.email_hash</c>). Names,
/// addresses, phones, IP address, user agent, notes, line items, meta data and refund reasons never reach storage,
/// while normalizing the archived copy again gives the same order.
/// </summary>
public static class WooCommerceEventRedactor
{
    private static readonly string[] Fields = ["id", "customer_id", "date_created_gmt", "date_modified_gmt", "currency", "total", "status"];
    private static readonly string[] RefundFields = ["id", "total"];

    /// <param name="body">a body that <see cref="WooCommerceOrderNormalizer"/> accepted.</param>
    /// <param name="order">what it normalized to.</param>
    public static byte[] Redact(ReadOnlySpan<byte> body, NormalizedOrder order)
    {
        var source = JsonNode.Parse(body)!.AsObject();
        var kept = JsonKeep.Fields(source, Fields);

        if (order.CustomerKey.StartsWith(CustomerKeyPrefixes.Email, StringComparison.Ordinal))
            kept["billing"] = new JsonObject { ["email_hash"] = order.CustomerKey[CustomerKeyPrefixes.Email.Length..] };

        if (JsonKeep.EachFields(source["refunds"], RefundFields) is { } refunds) kept["refunds"] = refunds;
        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }
}
