using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

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
/// How it is applied (<c>ShopifyRefundHandler</c> in the pipeline): the archived body is queued under platform
/// <see cref="EventKind"/>; the processor adds the refund to the stored order with <see cref="ShopifyRefundApplication"/>,
/// idempotent on <c>Refund.RefundId</c>. When the order is not stored yet (its own webhook still on its way, or being
/// retried by Shopify), the refund is held in the <c>pendingrefunds</c> table and applied as soon as the order is
/// stored, rather than retried until it lands in the poison queue. The next <c>orders/updated</c> lists the same
/// refund in its <c>refunds[]</c> under the same id, so both paths agree.
/// </remarks>
public static class ShopifyRefundNormalizer
{
    public const string Topic = "refunds/create";

    /// <summary>The raw-event folder and queue dispatch key of archived refunds.</summary>
    public const string EventKind = "shopify-refund";

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
