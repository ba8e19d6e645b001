using System.Globalization;
using System.Text.Json;
using Retention.Core.Customers;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Generic;

/// <summary>
/// Reads the project's own order event (<c>docs/events.md</c>), sent by any platform that can POST a
/// Standard Webhooks delivery. The same code validates in the HTTP request and normalizes in the queue
/// processor, so a body that was answered 202 always normalizes later.
/// </summary>
public static class GenericOrderNormalizer
{
    public const string EventKind = "generic";

    public static OrderNormalization Normalize(ReadOnlyMemory<byte> body, ShopContext shop, string sourceEventId) =>
        OrderNormalization.Read(body, root => Read(root, shop, sourceEventId));

    private static NormalizedOrder Read(JsonElement root, ShopContext shop, string sourceEventId)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new EventFieldException("$", "the body must be a JSON object");

        var orderId = JsonFields.Identifier(JsonFields.Required(root, "order_id", "order_id"), "order_id");
        var customerKey = CustomerField.Key(JsonFields.Required(root, "customer", "customer"), shop.CustomerIdSalt);
        var orderedAt = JsonFields.Timestamp(JsonFields.Required(root, "ordered_at", "ordered_at"), "ordered_at");
        var updatedAt = JsonFields.Optional(root, "updated_at") is { } u ? JsonFields.Timestamp(u, "updated_at") : orderedAt;
        if (updatedAt < orderedAt) throw new EventFieldException("updated_at", "must not be before ordered_at");

        var currency = JsonFields.Optional(root, "currency") is { } c ? JsonFields.String(c, "currency", 3) : shop.Currency;
        shop.RequireOwnCurrency(currency);

        var total = JsonFields.Amount(JsonFields.Required(root, "total", "total"), "total");
        var status = OrderStatus.Paid;
        if (JsonFields.Optional(root, "status") is { } s)
        {
            var wire = JsonFields.String(s, "status", 16);
            if (!OrderStatusNames.TryParse(wire, out status))
                throw new EventFieldException("status", "must be one of pending, paid, fulfilled, cancelled, refunded, failed");
        }

        DateTimeOffset? cancelledAt = null;
        if (JsonFields.Optional(root, "cancelled_at") is { } ca)
        {
            cancelledAt = JsonFields.Timestamp(ca, "cancelled_at");
            if (status != OrderStatus.Cancelled) throw new EventFieldException("cancelled_at", "is only allowed when status is cancelled");
        }
        else if (status == OrderStatus.Cancelled)
        {
            cancelledAt = updatedAt;
        }

        var refunds = ReadRefunds(root, total, orderedAt);
        if (status == OrderStatus.Refunded && refunds.Sum(r => r.Amount) < total)
            // A "refunded" status without itemized refunds still means the money went back, on the update's day.
            refunds.Add(new OrderRefund("status-refunded", total - refunds.Sum(r => r.Amount), updatedAt));

        var isTest = JsonFields.Optional(root, "test") is { } t && JsonFields.Boolean(t, "test");

        return new NormalizedOrder(shop.ShopId, orderId, customerKey, orderedAt, updatedAt, currency, total, status,
            cancelledAt, refunds, isTest, EventKind, sourceEventId)
        {
            Lines = GenericOrderFacets.Lines(root),
            Channel = GenericOrderFacets.Channel(root),
            DiscountCodes = GenericOrderFacets.DiscountCodes(root),
            Country = GenericOrderFacets.Country(root),
        };
    }

    private static List<OrderRefund> ReadRefunds(JsonElement root, decimal total, DateTimeOffset orderedAt)
    {
        var refunds = new List<OrderRefund>();
        foreach (var (item, path, index) in JsonFields.Objects(root, "refunds"))
        {
            var refundId = JsonFields.Optional(item, "id") is { } rid ? JsonFields.Identifier(rid, path + ".id") : index.ToString(CultureInfo.InvariantCulture);
            var amount = JsonFields.Amount(JsonFields.Required(item, "amount", path + ".amount"), path + ".amount");
            var at = JsonFields.Timestamp(JsonFields.Required(item, "refunded_at", path + ".refunded_at"), path + ".refunded_at");
            if (at < orderedAt) throw new EventFieldException(path + ".refunded_at", "must not be before ordered_at");
            refunds.Add(new OrderRefund(refundId, amount, at));
        }
        if (refunds.Sum(r => r.Amount) > total) throw new EventFieldException("refunds", "refund more than the order's total");
        return refunds;
    }
}
