using System.Text.Json;

namespace Retention.Core.Orders;

/// <summary>One refund of a Shopify order, from a <c>refunds/create</c> webhook.</summary>
public sealed record ShopifyRefund(string ShopId, string OrderId, OrderRefund Refund, string SourceEventId);

/// <summary>Either a refund or the first problem found in the event.</summary>
public sealed record ShopifyRefundNormalization(ShopifyRefund? Refund, EventProblem? Problem);

/// <summary>
/// Reads a <c>refunds/create</c> body (a REST Refund: <c>id</c>, <c>order_id</c>, <c>created_at</c>, <c>transactions</c>)
/// into a refund for an order. The amount is the sum of the transactions of kind <c>refund</c> with status
/// <c>success</c>; a transaction whose <c>currency</c> is given must be the shop's (this body does not carry the
/// order's exchange rate). Every field read here contains no personal data, so <see cref="Redact"/> keeps just those.
/// </summary>
/// <remarks>
/// How to apply it: read the stored order (<c>OrderTable.FindAsync(shop, OrderId)</c>); when it is missing, throw so the
/// queue retries (the order's own webhook may still be on its way); when its refunds already hold
/// <c>Refund.RefundId</c>, do nothing (idempotent on the refund id); otherwise store the order with the refund added and
/// status <c>Refunded</c> once the refunds reach its total. The next <c>orders/updated</c> carries the same refund in
/// its <c>refunds[]</c> under the same id, so both paths agree.
/// </remarks>
public static class ShopifyRefundNormalizer
{
    public const string Topic = "refunds/create";

    public static ShopifyRefundNormalization Normalize(ReadOnlyMemory<byte> body, ShopContext shop, string sourceEventId)
    {
        var (value, problem) = JsonEventReader.Read(body, root =>
        {
            if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object (a Shopify refund)");
            var orderId = JsonFields.Identifier(JsonFields.Required(root, "order_id", "order_id"), "order_id");
            var refund = ShopifyRefundReader.Read(root, "", shop.Currency, null, null);
            return new ShopifyRefund(shop.ShopId, orderId, refund, sourceEventId);
        });
        return new ShopifyRefundNormalization(value, problem);
    }

    /// <summary>The archived copy of an accepted body: the fields <see cref="Normalize"/> reads, nothing else.</summary>
    public static byte[] Redact(ReadOnlySpan<byte> body)
    {
        var source = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        var kept = new System.Text.Json.Nodes.JsonObject();
        foreach (var field in new[] { "id", "order_id", "created_at" })
            if (source[field] is { } value) kept[field] = value.DeepClone();
        if (source["transactions"] is System.Text.Json.Nodes.JsonArray transactions)
        {
            var keptTransactions = new System.Text.Json.Nodes.JsonArray();
            foreach (var transaction in transactions.OfType<System.Text.Json.Nodes.JsonObject>())
            {
                var t = new System.Text.Json.Nodes.JsonObject();
                foreach (var field in new[] { "kind", "status", "amount", "currency" })
                    if (transaction[field] is { } value) t[field] = value.DeepClone();
                keptTransactions.Add(t);
            }
            kept["transactions"] = keptTransactions;
        }
        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }
}
