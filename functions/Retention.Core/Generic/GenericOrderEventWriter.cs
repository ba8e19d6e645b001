using System.Globalization;
using System.Text.Json;
using Retention.Core.Orders;

namespace Retention.Core.Generic;

/// <summary>
/// Writes the generic order event that <see cref="GenericOrderNormalizer"/> reads: what a shop's own
/// integration, the demo and the history generator send. Keeping both sides here keeps them in step.
/// </summary>
public static class GenericOrderEventWriter
{
    public sealed record Customer(string? Id, string? Email);

    public static byte[] Write(string orderId, Customer customer, DateTimeOffset orderedAt, DateTimeOffset updatedAt,
        string currency, decimal total, OrderStatus status, IReadOnlyList<OrderRefund>? refunds = null,
        DateTimeOffset? cancelledAt = null, bool test = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("order_id", orderId);
            json.WriteStartObject("customer");
            if (customer.Id is not null) json.WriteString("id", customer.Id);
            if (customer.Email is not null) json.WriteString("email", customer.Email);
            json.WriteEndObject();
            json.WriteString("ordered_at", Rfc3339(orderedAt));
            json.WriteString("updated_at", Rfc3339(updatedAt));
            json.WriteString("currency", currency);
            json.WriteString("total", total.ToString(CultureInfo.InvariantCulture));
            json.WriteString("status", status.ToWire());
            if (cancelledAt is { } c) json.WriteString("cancelled_at", Rfc3339(c));
            if (refunds is { Count: > 0 })
            {
                json.WriteStartArray("refunds");
                foreach (var refund in refunds)
                {
                    json.WriteStartObject();
                    json.WriteString("id", refund.RefundId);
                    json.WriteString("amount", refund.Amount.ToString(CultureInfo.InvariantCulture));
                    json.WriteString("refunded_at", Rfc3339(refund.RefundedAt));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            if (test) json.WriteBoolean("test", true);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string Rfc3339(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
}
