using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Events;

namespace Retention.Core.Shopify;

/// <summary>
/// Makes the archived copy of a Shopify order webhook: only the fields <see cref="ShopifyOrderNormalizer"/> reads,
/// with a guest's e-mail replaced by its salted hash (top-level <c>email_hash</c>). Names, addresses, phones, IPs,
/// browser details, notes, line items and the customer object (other than its id) never reach storage, while
/// normalizing the archived copy again gives the same order.
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
                if (refund["transactions"] is JsonArray transactions)
                    keptRefund["transactions"] = new JsonArray(transactions.OfType<JsonObject>().Select(t => (JsonNode)JsonKeep.Fields(t, TransactionFields)).ToArray());
                keptRefunds.Add(keptRefund);
            }
            kept["refunds"] = keptRefunds;
        }
        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }
}
