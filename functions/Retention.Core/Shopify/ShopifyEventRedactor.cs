using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Events;

namespace Retention.Core.Shopify;

/// <summary>
/// Makes the archived copy of a Shopify order webhook: only the fields <see cref="ShopifyOrderNormalizer"/> reads,
/// with a guest's e-mail replaced by its salted hash (top-level <c>email_hash</c>). Names, addresses (but their
/// <c>country_code</c>), phones, IPs, browser details, notes, line item properties, the landing page (but its utm
/// parameters), the referring page (but its host) and the customer object (other than its id) never reach storage,
/// while normalizing the archived copy again gives the same order.
/// </summary>
public static class ShopifyEventRedactor
{
    private static readonly string[] Fields =
    [
        "id", "created_at", "updated_at", "currency", "presentment_currency", "current_total_price", "total_price",
        "financial_status", "fulfillment_status", "cancelled_at", "test",
    ];
    private static readonly string[] MoneyFields = ["amount", "currency_code"];
    private static readonly string[] TransactionFields = ["kind", "status", "amount", "currency"];
    private static readonly string[] LineFields = ["id", "product_id", "variant_id", "sku", "title", "quantity", "price"];

    /// <param name="body">a body that <see cref="ShopifyOrderNormalizer"/> accepted.</param>
    /// <param name="order">what it normalized to.</param>
    public static byte[] Redact(ReadOnlySpan<byte> body, NormalizedOrder order)
    {
        var source = JsonNode.Parse(body)!.AsObject();
        var kept = JsonKeep.Fields(source, Fields);

        if (source["total_price_set"] is JsonObject set)
        {
            var keptSet = new JsonObject();
            foreach (var money in new[] { "shop_money", "presentment_money" })
                if (set[money] is JsonObject m) keptSet[money] = JsonKeep.Fields(m, MoneyFields);
            kept["total_price_set"] = keptSet;
        }

        if (order.CustomerKey.StartsWith(CustomerKeyPrefixes.Email, StringComparison.Ordinal))
            kept["email_hash"] = order.CustomerKey[CustomerKeyPrefixes.Email.Length..];
        else
            kept["customer"] = new JsonObject { ["id"] = source["customer"]!["id"]!.DeepClone() };

        if (source["refunds"] is JsonArray refunds)
        {
            var keptRefunds = new JsonArray();
            foreach (var refund in refunds.OfType<JsonObject>())
            {
                var keptRefund = JsonKeep.Fields(refund, ["id", "created_at"]);
                if (JsonKeep.EachFields(refund["refund_line_items"], ["line_item_id", "quantity"]) is { } refundLines)
                    keptRefund["refund_line_items"] = refundLines;
                if (refund["transactions"] is JsonArray transactions)
                    keptRefund["transactions"] = new JsonArray(transactions.OfType<JsonObject>().Select(t => (JsonNode)JsonKeep.Fields(t, TransactionFields)).ToArray());
                keptRefunds.Add(keptRefund);
            }
            kept["refunds"] = keptRefunds;
        }

        KeepLineItems(source, kept);
        KeepChannel(source, kept);
        if (source["discount_codes"] is JsonArray codes)
            kept["discount_codes"] = new JsonArray([.. codes.Select(code => (JsonNode?)JsonKeep.Fields(code, ["code"]))]);
        foreach (var address in new[] { "shipping_address", "billing_address" })
            if (source[address] is JsonObject a) kept[address] = JsonKeep.Fields(a, ["country_code"]);
        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }

    /// <summary>Of each line what <see cref="ShopifyLineItemReader"/> reads: ids, SKU, title (or name, when there is no title), quantity and shop money.</summary>
    private static void KeepLineItems(JsonObject source, JsonObject kept)
    {
        if (source["line_items"] is not JsonArray lines) return;
        var keptLines = new JsonArray();
        foreach (var line in lines.OfType<JsonObject>())
        {
            var keptLine = JsonKeep.Fields(line, LineFields);
            if (line["title"] is null && line["name"] is { } name) keptLine["name"] = name.DeepClone();
            if (ShopMoney(line["price_set"]) is { } priceSet) keptLine["price_set"] = priceSet;
            if (line["discount_allocations"] is JsonArray allocations)
                keptLine["discount_allocations"] = new JsonArray([.. allocations.OfType<JsonObject>().Select(allocation =>
                {
                    var keptAllocation = JsonKeep.Fields(allocation, ["amount"]);
                    if (ShopMoney(allocation["amount_set"]) is { } amountSet) keptAllocation["amount_set"] = amountSet;
                    return (JsonNode?)keptAllocation;
                })]);
            keptLines.Add(keptLine);
        }
        kept["line_items"] = keptLines;
    }

    private static JsonObject? ShopMoney(JsonNode? set) =>
        set is JsonObject { } s && s["shop_money"] is JsonObject shopMoney
            ? new JsonObject { ["shop_money"] = JsonKeep.Fields(shopMoney, MoneyFields) }
            : null;

    /// <summary><c>source_name</c>; <c>landing_site</c> as a query of its utm parameters only; <c>referring_site</c> as its host.</summary>
    private static void KeepChannel(JsonObject source, JsonObject kept)
    {
        if (source["source_name"] is { } sourceName) kept["source_name"] = sourceName.DeepClone();
        if (Text(source["landing_site"]) is { } landing && ShopifyChannelReader.UtmOnly(landing) is { } utm) kept["landing_site"] = utm;
        if (Text(source["referring_site"]) is { } referring && OrderChannel.HostOf(referring) is { } host) kept["referring_site"] = host;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;
}
