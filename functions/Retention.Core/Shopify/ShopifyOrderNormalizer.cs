using System.Text.Json;
using Retention.Core.Customers;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>
/// Reads a Shopify order webhook (the REST Order resource as the <c>orders/*</c> topics deliver it) into the
/// platform-neutral order. See <c>docs/shopify.md</c> for the mapping. The same code validates in the HTTP request
/// and normalizes in the queue processor, and it also reads the redacted archive copy
/// (<see cref="ShopifyEventRedactor"/>), where a guest's e-mail is a top-level <c>email_hash</c>.
/// </summary>
/// <remarks>
/// Amounts: Shopify's <c>currency</c> and <c>*_price</c> fields are in the shop's currency (<c>presentment_currency</c>
/// is the buyer's). <c>current_total_price</c> already nets edits, returns and refunds, so the order's total is
/// <c>current_total_price</c> plus the refunds listed in <c>refunds[]</c>: edits change the total, while each refund
/// stays a dated <see cref="OrderRefund"/> that lowers net revenue on the day it happened (not on the order's day).
/// Without <c>current_total_price</c> (old API versions) the total is <c>total_price</c>.
/// </remarks>
public static class ShopifyOrderNormalizer
{
    public const string EventKind = "shopify";

    /// <summary>The topics whose body is a full order. (<c>orders/edited</c> carries an <c>order_edit</c>, not an order:
    /// the <c>orders/updated</c> Shopify sends after an edit carries the new state.)</summary>
    public static readonly IReadOnlySet<string> OrderTopics = new HashSet<string>(StringComparer.Ordinal)
    {
        "orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled",
    };

    public static OrderNormalization Normalize(ReadOnlyMemory<byte> body, ShopContext shop, string sourceEventId) =>
        OrderNormalization.Read(body, root => Read(root, shop, sourceEventId));

    private static NormalizedOrder Read(JsonElement root, ShopContext shop, string sourceEventId)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object (a Shopify order)");

        var orderId = JsonFields.Identifier(JsonFields.Required(root, "id", "id"), "id");
        var customerKey = ReadCustomer(root, shop.CustomerIdSalt);
        var orderedAt = JsonFields.Timestamp(JsonFields.Required(root, "created_at", "created_at"), "created_at");
        var updatedAt = JsonFields.Optional(root, "updated_at") is { } u ? JsonFields.Timestamp(u, "updated_at") : orderedAt;
        if (updatedAt < orderedAt) throw new EventFieldException("updated_at", "must not be before created_at");

        var currency = JsonFields.String(JsonFields.Required(root, "currency", "currency"), "currency", 3);
        shop.RequireOwnCurrency(currency);

        var refunds = ReadRefunds(root, currency, orderedAt);
        var refunded = refunds.Sum(r => r.Amount);
        decimal total;
        if (JsonFields.Optional(root, "current_total_price") is { } current)
            total = JsonFields.Amount(current, "current_total_price") + refunded;
        else
            total = JsonFields.Amount(JsonFields.Required(root, "total_price", "total_price"), "total_price");
        if (total > JsonFields.MaxAmount) throw new EventFieldException("current_total_price", "the order's total is too large");
        if (refunded > total) throw new EventFieldException("refunds", "refund more than the order's total_price");

        DateTimeOffset? cancelledAt = JsonFields.Optional(root, "cancelled_at") is { } ca ? JsonFields.Timestamp(ca, "cancelled_at") : null;
        var financial = OptionalText(root, "financial_status", 32);
        var fulfilled = OptionalText(root, "fulfillment_status", 32) == "fulfilled";
        var status = cancelledAt is not null ? OrderStatus.Cancelled : financial switch
        {
            "paid" or "partially_refunded" => fulfilled ? OrderStatus.Fulfilled : OrderStatus.Paid,
            "partially_paid" => OrderStatus.Paid,
            "refunded" => OrderStatus.Refunded,
            "voided" => OrderStatus.Failed,
            // pending, authorized (not captured), expired, absent or a status Shopify adds later: not a purchase (yet).
            _ => OrderStatus.Pending,
        };
        if (status == OrderStatus.Refunded && refunded < total)
            // "refunded" without itemized refunds for all of it still means the money went back, on the update's day.
            refunds.Add(new OrderRefund("status-refunded", total - refunded, updatedAt));

        var isTest = JsonFields.Optional(root, "test") is { } t && JsonFields.Boolean(t, "test");

        return new NormalizedOrder(shop.ShopId, orderId, customerKey, orderedAt, updatedAt, currency, total, status,
            cancelledAt, refunds, isTest, EventKind, sourceEventId)
        {
            Lines = ShopifyLineItemReader.Read(root),
            Channel = ShopifyChannelReader.Read(root),
            DiscountCodes = ShopifyDiscountCodeReader.Read(root),
            Country = ShopifyCountryReader.Read(root),
        };
    }

    /// <summary><c>customer.id</c>; else a guest keyed by <c>email</c>, <c>contact_email</c> or <c>customer.email</c>;
    /// else the archived <c>email_hash</c>.</summary>
    private static string ReadCustomer(JsonElement root, string salt)
    {
        JsonElement? customer = JsonFields.Optional(root, "customer");
        if (customer is { } c)
        {
            if (c.ValueKind != JsonValueKind.Object) throw new EventFieldException("customer", "must be an object");
            if (JsonFields.Optional(c, "id") is { } id) return CustomerKey.FromPlatformId(JsonFields.Identifier(id, "customer.id"));
        }
        var guest = Email(root, "email", "email") ?? Email(root, "contact_email", "contact_email")
            ?? (customer is { } withoutId ? Email(withoutId, "email", "customer.email") : null);
        if (guest is not null) return CustomerKey.FromEmail(guest, salt);
        if (JsonFields.Optional(root, "email_hash") is { } hash)
            return CustomerKey.FromEmailHash(JsonFields.String(hash, "email_hash", 64))
                ?? throw new EventFieldException("email_hash", "must be 64 lowercase hex digits");
        throw new EventFieldException("customer", "needs customer.id, or email or contact_email for a guest");
    }

    private static string? Email(JsonElement obj, string name, string path)
    {
        if (JsonFields.Optional(obj, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0) return null;
        var address = JsonFields.String(value, path, 320);
        if (!address.Contains('@')) throw new EventFieldException(path, "must be an e-mail address");
        return address;
    }

    private static List<OrderRefund> ReadRefunds(JsonElement root, string shopCurrency, DateTimeOffset orderedAt)
    {
        var refunds = new List<OrderRefund>();
        if (JsonFields.Optional(root, "refunds") is not { } array) return refunds;
        if (array.ValueKind != JsonValueKind.Array) throw new EventFieldException("refunds", "must be an array");
        var presentment = OptionalText(root, "presentment_currency", 3);
        var rate = presentment is null || presentment == shopCurrency ? null : ShopPerPresentment(root);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"refunds[{index}]";
            var refund = ShopifyRefundReader.Read(item, path, shopCurrency, presentment, rate);
            if (refund.RefundedAt < orderedAt) throw new EventFieldException(path + ".created_at", "must not be before the order's created_at");
            if (refund.Amount > 0) refunds.Add(refund);
            index++;
        }
        return refunds;
    }

    /// <summary>Shop money per unit of presentment money, from <c>total_price_set</c> (refund transactions of a
    /// multi-currency order are in the buyer's currency).</summary>
    private static decimal? ShopPerPresentment(JsonElement root)
    {
        if (JsonFields.Optional(root, "total_price_set") is not { ValueKind: JsonValueKind.Object } set) return null;
        if (JsonFields.Optional(set, "shop_money") is not { ValueKind: JsonValueKind.Object } shopMoney
            || JsonFields.Optional(set, "presentment_money") is not { ValueKind: JsonValueKind.Object } presentmentMoney) return null;
        var shop = JsonFields.Amount(JsonFields.Required(shopMoney, "amount", "total_price_set.shop_money.amount"), "total_price_set.shop_money.amount");
        var buyer = JsonFields.Amount(JsonFields.Required(presentmentMoney, "amount", "total_price_set.presentment_money.amount"),
            "total_price_set.presentment_money.amount");
        if (shop <= 0 || buyer <= 0) return null;
        // A presentment total of 0.0000000000000000000000000001 makes the rate 1e37, past decimal's range: an
        // OverflowException here was a 500. Capped at 1e18 (no real rate comes near), a refund amount (≤ 1e9) times the
        // rate stays within decimal's 7.9e28, and the refund's running sum is checked as it grows.
        if (buyer < shop / JsonFields.MaxAmount / JsonFields.MaxAmount)
            throw new EventFieldException("total_price_set.presentment_money.amount", "gives an exchange rate out of range");
        return shop / buyer;
    }

    internal static string? OptionalText(JsonElement obj, string name, int maxLength) =>
        JsonFields.Optional(obj, name) is { } value ? JsonFields.String(value, name, maxLength) : null;
}

/// <summary>One element of Shopify's <c>refunds[]</c> (or a <c>refunds/create</c> body) as an <see cref="OrderRefund"/>.</summary>
internal static class ShopifyRefundReader
{
    /// <summary>amount = the sum of the refund's transactions of kind <c>refund</c> and status <c>success</c>.</summary>
    public static OrderRefund Read(JsonElement item, string path, string shopCurrency, string? presentmentCurrency, decimal? shopPerPresentment)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new EventFieldException(path, "must be an object");
        var prefix = path.Length == 0 ? "" : path + ".";
        var refundId = JsonFields.Identifier(JsonFields.Required(item, "id", prefix + "id"), prefix + "id");
        var at = JsonFields.Timestamp(JsonFields.Required(item, "created_at", prefix + "created_at"), prefix + "created_at");
        var amount = 0m;
        if (JsonFields.Optional(item, "transactions") is { } transactions)
        {
            if (transactions.ValueKind != JsonValueKind.Array) throw new EventFieldException(prefix + "transactions", "must be an array");
            var t = 0;
            foreach (var transaction in transactions.EnumerateArray())
            {
                var tPath = $"{prefix}transactions[{t++}]";
                if (transaction.ValueKind != JsonValueKind.Object) throw new EventFieldException(tPath, "must be an object");
                if (Text(transaction, "kind") != "refund" || Text(transaction, "status") != "success") continue;
                var value = JsonFields.Amount(JsonFields.Required(transaction, "amount", tPath + ".amount"), tPath + ".amount");
                var currency = Text(transaction, "currency");
                if (currency is null || currency == shopCurrency) amount += value;
                else if (currency == presentmentCurrency && shopPerPresentment is { } rate) amount += Math.Round(value * rate, 2, MidpointRounding.ToEven);
                else throw new EventFieldException(tPath + ".currency", $"must be the shop's currency {shopCurrency} (or the order's presentment currency)");
                // Checked as it grows, so that a sum of converted amounts cannot leave decimal's range either.
                if (amount > JsonFields.MaxAmount) throw new EventFieldException(prefix + "transactions", "refund too much");
            }
        }
        return new OrderRefund(refundId, amount, at);
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
