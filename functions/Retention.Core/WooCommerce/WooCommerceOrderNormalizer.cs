using System.Globalization;
using System.Text.Json;
using Retention.Core.Customers;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.WooCommerce;

/// <summary>
/// Reads WooCommerce's order object (REST API v3, as sent by the <c>order.created</c>, <c>order.updated</c> and
/// <c>order.restored</c> webhooks) into a <see cref="NormalizedOrder"/>, with its lines, channel, coupon codes and
/// country. See <c>docs/woocommerce.md</c> for the mappings and the limits (refunds in the order object carry no date
/// of their own, nor the quantities they return).
/// </summary>
public static class WooCommerceOrderNormalizer
{
    public const string EventKind = "woocommerce";

    /// <summary>WooCommerce's order statuses and what each means here.</summary>
    public static readonly IReadOnlyDictionary<string, OrderStatus> Statuses = new Dictionary<string, OrderStatus>(StringComparer.Ordinal)
    {
        ["pending"] = OrderStatus.Pending,        // awaiting payment
        ["on-hold"] = OrderStatus.Pending,        // awaiting payment confirmation (bank transfer, cheque)
        ["checkout-draft"] = OrderStatus.Pending, // block checkout's draft, normally not sent
        ["processing"] = OrderStatus.Paid,        // paid, not yet shipped
        ["completed"] = OrderStatus.Fulfilled,
        ["cancelled"] = OrderStatus.Cancelled,
        ["trash"] = OrderStatus.Cancelled,        // a trashed order, as order.updated may report it
        ["refunded"] = OrderStatus.Refunded,
        ["failed"] = OrderStatus.Failed,
    };

    public static OrderNormalization Normalize(ReadOnlyMemory<byte> body, ShopContext shop, string sourceEventId) =>
        OrderNormalization.Read(body, root => Read(root, shop, sourceEventId));

    private static NormalizedOrder Read(JsonElement root, ShopContext shop, string sourceEventId)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object (a WooCommerce order)");

        var orderId = JsonFields.Identifier(JsonFields.Required(root, "id", "id"), "id");
        var customerKey = Customer(root, shop.CustomerIdSalt);
        var orderedAt = GmtTimestamp(JsonFields.Required(root, "date_created_gmt", "date_created_gmt"), "date_created_gmt");
        var updatedAt = JsonFields.Optional(root, "date_modified_gmt") is { } m ? GmtTimestamp(m, "date_modified_gmt") : orderedAt;
        if (updatedAt < orderedAt) throw new EventFieldException("date_modified_gmt", "must not be before date_created_gmt");

        var currency = JsonFields.String(JsonFields.Required(root, "currency", "currency"), "currency", 3);
        shop.RequireOwnCurrency(currency);

        var total = JsonFields.Amount(JsonFields.Required(root, "total", "total"), "total");
        var wire = JsonFields.String(JsonFields.Required(root, "status", "status"), "status", 32);
        if (!Statuses.TryGetValue(wire, out var status))
            throw new EventFieldException("status", "must be a WooCommerce order status: " + string.Join(", ", Statuses.Keys));
        DateTimeOffset? cancelledAt = status == OrderStatus.Cancelled ? updatedAt : null;

        var refunds = ReadRefunds(root, total, updatedAt);
        if (status == OrderStatus.Refunded && refunds.Sum(r => r.Amount) < total)
            // "refunded" means the whole order went back, itemized or not.
            refunds.Add(new OrderRefund("status-refunded", total - refunds.Sum(r => r.Amount), updatedAt));

        // WooCommerce has no test orders: a sandbox payment gateway still creates ordinary orders.
        return new NormalizedOrder(shop.ShopId, orderId, customerKey, orderedAt, updatedAt, currency, total, status,
            cancelledAt, refunds, IsTest: false, EventKind, sourceEventId)
        {
            Lines = WooCommerceOrderLines.From(root),
            Channel = WooCommerceOrderAttribution.From(root),
            DiscountCodes = WooCommerceOrderPlace.DiscountCodes(root),
            Country = WooCommerceOrderPlace.Country(root),
        };
    }

    /// <summary>A registered customer by <c>customer_id</c>; a guest (id 0) by the salted hash of <c>billing.email</c>.</summary>
    private static string Customer(JsonElement root, string salt)
    {
        if (JsonFields.Optional(root, "customer_id") is { } id)
        {
            var customerId = JsonFields.Identifier(id, "customer_id");
            if (customerId != "0") return CustomerKey.FromPlatformId(customerId);
        }
        if (JsonFields.Optional(root, "billing") is { } billing)
        {
            if (billing.ValueKind != JsonValueKind.Object) throw new EventFieldException("billing", "must be an object");
            // WooCommerce sends "" for a field nobody filled in.
            if (JsonFields.Optional(billing, "email") is { } email && !(email.ValueKind == JsonValueKind.String && email.GetString() == ""))
            {
                var address = JsonFields.String(email, "billing.email", 320);
                if (!address.Contains('@')) throw new EventFieldException("billing.email", "must be an e-mail address");
                return CustomerKey.FromEmail(address, salt);
            }
            // The archived copy (WooCommerceEventRedactor) carries the hash instead of the address.
            if (JsonFields.Optional(billing, "email_hash") is { } hash)
                return CustomerKey.FromEmailHash(JsonFields.String(hash, "billing.email_hash", 64))
                    ?? throw new EventFieldException("billing.email_hash", "must be 64 lowercase hex digits");
        }
        throw new EventFieldException("customer_id", "is 0 (a guest) and billing.email is empty: the order has no customer");
    }

    /// <summary>
    /// WooCommerce's <c>*_gmt</c> dates carry no offset (<c>2017-03-22T19:28:08</c>) and are UTC; a date with an
    /// explicit offset is read as such.
    /// </summary>
    private static DateTimeOffset GmtTimestamp(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a date string such as 2017-03-22T19:28:08");
        var text = value.GetString()!;
        if (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'))
            return JsonFields.Timestamp(value, path);
        if (!DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
            throw new EventFieldException(path, "must be a date such as 2017-03-22T19:28:08 (UTC)");
        if (utc.Year is < 1990 or > 2200) throw new EventFieldException(path, "is outside the years 1990 to 2200");
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }

    /// <summary>
    /// <c>refunds</c>: <c>{"id":726,"reason":"","total":"-10.00"}</c>, totals negative. The order object gives no
    /// refund date, so each refund is dated at the order's <c>date_modified_gmt</c>.
    /// </summary>
    private static List<OrderRefund> ReadRefunds(JsonElement root, decimal total, DateTimeOffset updatedAt)
    {
        var refunds = new List<OrderRefund>();
        foreach (var (item, path, _) in JsonFields.Objects(root, "refunds"))
        {
            var refundId = JsonFields.Identifier(JsonFields.Required(item, "id", path + ".id"), path + ".id");
            var amount = RefundAmount(JsonFields.Required(item, "total", path + ".total"), path + ".total");
            refunds.Add(new OrderRefund(refundId, amount, updatedAt));
        }
        if (refunds.Select(r => r.RefundId).Distinct(StringComparer.Ordinal).Count() != refunds.Count)
            throw new EventFieldException("refunds", "list the same refund id twice");
        if (refunds.Sum(r => r.Amount) > total) throw new EventFieldException("refunds", "refund more than the order's total");
        return refunds;
    }

    /// <summary>A refund's total as WooCommerce sends it ("-10.00"); its absolute value.</summary>
    private static decimal RefundAmount(JsonElement value, string path)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new EventFieldException(path, "must be a decimal amount such as \"-10.00\""),
        };
        if (text.Length > 32 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var amount))
            throw new EventFieldException(path, "must be a decimal amount such as \"-10.00\"");
        amount = Math.Abs(amount);
        if (amount > JsonFields.MaxAmount) throw new EventFieldException(path, "is larger than any order");
        return amount;
    }
}
