using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Events;

namespace Retention.Core.Generic;

/// <summary>
/// Makes the copy of a generic event that is archived as its raw event. Only the fields the normalizer reads
/// are kept, and a guest's e-mail is replaced by its salted hash (<c>customer.email_hash</c>), so no address,
/// name or phone a sender adds ever reaches storage, while normalizing the archived copy again gives the same order.
/// Of the lines, channel, codes and country the read fields are kept, a line's title as it was cut and the referrer
/// as its host name only.
/// </summary>
public static class GenericEventRedactor
{
    private static readonly string[] Fields = ["order_id", "ordered_at", "updated_at", "currency", "total", "status", "cancelled_at", "test",
        GenericOrderFacets.CodesField, GenericOrderFacets.CountryField];
    private static readonly string[] RefundFields = ["id", "amount", "refunded_at"];

    /// <param name="body">a body that <see cref="GenericOrderNormalizer"/> accepted.</param>
    /// <param name="order">what it normalized to.</param>
    public static byte[] Redact(ReadOnlySpan<byte> body, NormalizedOrder order)
    {
        var source = JsonNode.Parse(body)!.AsObject();
        var kept = JsonKeep.Fields(source, Fields);

        var customer = new JsonObject();
        if (order.CustomerKey.StartsWith(CustomerKeyPrefixes.Email, StringComparison.Ordinal))
            customer["email_hash"] = order.CustomerKey[CustomerKeyPrefixes.Email.Length..];
        else
            customer["id"] = source["customer"]!["id"]!.DeepClone();
        kept["customer"] = customer;

        if (JsonKeep.EachFields(source["refunds"], RefundFields) is { } refunds) kept["refunds"] = refunds;
        if (JsonKeep.EachFields(source[GenericOrderFacets.LinesField], GenericOrderFacets.LineFields) is { } lines)
        {
            // The title as the order holds it: a cut title is archived cut, and reads back the same.
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i]!.AsObject();
                line.Remove("title");
                if (order.Lines[i].Title is { } title) line["title"] = title;
            }
            kept[GenericOrderFacets.LinesField] = lines;
        }
        if (source[GenericOrderFacets.ChannelField] is JsonObject channel)
        {
            var keptChannel = JsonKeep.Fields(channel, GenericOrderFacets.ChannelFields);
            // The referrer's host only, as the normalizer read it: a URL's path and query can carry personal data.
            keptChannel.Remove("referrer_host");
            if (order.Channel.ReferrerHost is not null)
                keptChannel["referrer_host"] = OrderChannel.HostOf(channel["referrer_host"]!.GetValue<string>());
            kept[GenericOrderFacets.ChannelField] = keptChannel;
        }
        return JsonSerializer.SerializeToUtf8Bytes(kept);
    }
}
