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

    /// <summary>
    /// What was bought and where the customer came from. A channel is written as its five fields, which the
    /// normalizer reads back to an equal <see cref="OrderChannel"/>; <see cref="OrderChannel.Unknown"/> is not written.
    /// </summary>
    public sealed record Facets(IReadOnlyList<OrderLine> Lines, OrderChannel Channel, IReadOnlyList<string> DiscountCodes, string? Country)
    {
        public static readonly Facets None = new([], OrderChannel.Unknown, [], null);
    }

    public static byte[] Write(string orderId, Customer customer, DateTimeOffset orderedAt, DateTimeOffset updatedAt,
        string currency, decimal total, OrderStatus status, IReadOnlyList<OrderRefund>? refunds = null,
        DateTimeOffset? cancelledAt = null, bool test = false, Facets? facets = null)
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
            if (facets is not null) WriteFacets(json, facets);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteFacets(Utf8JsonWriter json, Facets facets)
    {
        if (facets.Lines.Count > 0)
        {
            json.WriteStartArray(GenericOrderFacets.LinesField);
            foreach (var line in facets.Lines)
            {
                json.WriteStartObject();
                json.WriteString("product_id", line.ProductId);
                if (line.VariantId is not null) json.WriteString("variant_id", line.VariantId);
                if (line.Sku is not null) json.WriteString("sku", line.Sku);
                if (line.Title is not null) json.WriteString("title", line.Title);
                json.WriteNumber("quantity", line.Quantity);
                json.WriteString("amount", line.NetAmount.ToString(CultureInfo.InvariantCulture));
                if (line.ReturnedQuantity > 0) json.WriteNumber("returned_quantity", line.ReturnedQuantity);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (facets.Channel != OrderChannel.Unknown)
        {
            var channel = facets.Channel;
            json.WriteStartObject(GenericOrderFacets.ChannelField);
            json.WriteString("source", channel.Source);
            json.WriteString("medium", channel.Medium);
            if (channel.Campaign is not null) json.WriteString("campaign", channel.Campaign);
            if (channel.ReferrerHost is not null) json.WriteString("referrer_host", channel.ReferrerHost);
            if (channel.SourceName is not null) json.WriteString("source_name", channel.SourceName);
            json.WriteEndObject();
        }
        if (facets.DiscountCodes.Count > 0)
        {
            json.WriteStartArray(GenericOrderFacets.CodesField);
            foreach (var code in facets.DiscountCodes) json.WriteStringValue(code);
            json.WriteEndArray();
        }
        if (facets.Country is not null) json.WriteString(GenericOrderFacets.CountryField, facets.Country);
    }

    private static string Rfc3339(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
}
