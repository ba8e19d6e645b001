using System.Text;
using System.Text.Json.Nodes;

namespace Retention.Tests.Shopify;

/// <summary>
/// Variations of Shopify's documented sample bodies (<see cref="ShopifySamples"/>, <see cref="ShopifyTopicSamples"/>):
/// the sample parsed, the fields a test is about set, everything else (names, addresses, line items) left as Shopify
/// documents it, so the pipeline meets realistic bodies rather than hand-written minimal ones.
/// </summary>
public static class ShopifyBodies
{
    /// <summary>The orders/create sample as a live order: paid (or as given), not cancelled, not a test.</summary>
    /// <param name="customerId">the account's id, or null for a guest checkout known only by <paramref name="email"/>.</param>
    /// <param name="currentTotal">what Shopify reports after refunds (<c>current_total_price</c>); the total before them is <paramref name="total"/>.</param>
    public static byte[] Order(long orderId, long? customerId, string email, string createdAt, string total,
        string? updatedAt = null, string financialStatus = "paid", string? currentTotal = null, JsonArray? refunds = null)
    {
        var order = Parse(ShopifySamples.OrdersCreate);
        order["id"] = orderId;
        order["admin_graphql_api_id"] = $"gid://shopify/Order/{orderId}";
        order["created_at"] = createdAt;
        order["processed_at"] = createdAt;
        order["updated_at"] = updatedAt ?? createdAt;
        order["cancelled_at"] = null;
        order["cancel_reason"] = null;
        order["test"] = false;
        order["financial_status"] = financialStatus;
        order["total_price"] = total;
        order["current_total_price"] = currentTotal ?? total;
        order["email"] = email;
        order["contact_email"] = email;
        if (customerId is { } id)
        {
            order["customer"]!["id"] = id;
            order["customer"]!["email"] = email;
        }
        else
        {
            order.Remove("customer");
        }
        order["refunds"] = refunds ?? [];
        return Bytes(order);
    }

    /// <summary>A refund as an order's <c>refunds[]</c> lists it (and as refunds/create sends it): id, date, one successful refund transaction.</summary>
    public static JsonObject Refund(long refundId, long orderId, string createdAt, string amount)
    {
        var refund = Parse(ShopifySamples.RefundsCreate);
        refund["id"] = refundId;
        refund["order_id"] = orderId;
        refund["created_at"] = createdAt;
        refund["processed_at"] = createdAt;
        refund["admin_graphql_api_id"] = $"gid://shopify/Refund/{refundId}";
        var transactions = refund["transactions"]!.AsArray();
        var first = transactions[0]!.AsObject();
        first["order_id"] = orderId;
        first["amount"] = amount;
        first["created_at"] = createdAt;
        // One transaction carries the whole amount; the sample's others are dropped.
        while (transactions.Count > 1) transactions.RemoveAt(1);
        return refund;
    }

    public static byte[] RefundsCreate(long refundId, long orderId, string createdAt, string amount) =>
        Bytes(Refund(refundId, orderId, createdAt, amount));

    public static byte[] OrdersDelete(long orderId)
    {
        var body = Parse(ShopifyTopicSamples.OrdersDelete);
        body["id"] = orderId;
        return Bytes(body);
    }

    /// <summary>The documented compliance body with this customer, these orders and this shop domain.</summary>
    public static byte[] Compliance(string sample, string shopDomain, long? customerId = null, string? email = null, long[]? orders = null,
        long? dataRequestId = null)
    {
        var body = Parse(sample);
        body["shop_domain"] = shopDomain;
        if (body["customer"] is JsonObject customer)
        {
            if (customerId is { } id) customer["id"] = id;
            if (email is not null) customer["email"] = email;
        }
        if (orders is not null)
            foreach (var field in new[] { "orders_requested", "orders_to_redact" })
                if (body.ContainsKey(field)) body[field] = new JsonArray([.. orders.Select(o => (JsonNode)JsonValue.Create(o))]);
        if (dataRequestId is { } request) body["data_request"]!["id"] = request;
        return Bytes(body);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
