using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Retention.Core.Orders;

/// <summary>
/// Decides which of two versions of an order is kept. A later <c>updated_at</c> wins; on a tie the larger
/// content fingerprint wins, so the stored row never depends on the order in which deliveries arrive.
/// </summary>
public static class OrderVersion
{
    public static string Fingerprint(NormalizedOrder order)
    {
        var text = new StringBuilder()
            .Append(order.ShopId).Append('\n').Append(order.OrderId).Append('\n').Append(order.CustomerKey).Append('\n')
            .Append(order.OrderedAt.UtcTicks).Append('\n').Append(order.UpdatedAt.UtcTicks).Append('\n')
            .Append(order.Currency).Append('\n').Append(order.Total.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(order.Status.ToWire()).Append('\n').Append(order.CancelledAt?.UtcTicks).Append('\n')
            .Append(order.IsTest).Append('\n').Append(order.Platform).Append('\n').Append(order.SourceEventId);
        foreach (var refund in order.Refunds)
            text.Append('\n').Append(refund.RefundId).Append(' ')
                .Append(refund.Amount.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(refund.RefundedAt.UtcTicks);
        foreach (var line in order.Lines)
            text.Append("\nline ").Append(line.ProductId).Append(' ').Append(line.VariantId).Append(' ').Append(line.Sku).Append(' ')
                .Append(line.Title).Append(' ').Append(line.Quantity).Append(' ')
                .Append(line.NetAmount.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(line.ReturnedQuantity);
        // Appended only when there is something to append, so an order without them keeps the fingerprint it had
        // before orders carried them, and a stored row is not taken for another version of itself.
        var channel = order.Channel;
        if (channel != OrderChannel.Unknown)
            text.Append("\nchannel ").Append(channel.Source).Append(' ').Append(channel.Medium).Append(' ').Append(channel.Campaign)
                .Append(' ').Append(channel.ReferrerHost).Append(' ').Append(channel.SourceName);
        foreach (var code in order.DiscountCodes) text.Append("\ncode ").Append(code);
        if (order.Country is not null) text.Append("\ncountry ").Append(order.Country);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>True when the candidate (with its fingerprint) should replace the stored version.</summary>
    public static bool Supersedes(DateTimeOffset candidateUpdatedAt, string candidateFingerprint,
        DateTimeOffset storedUpdatedAt, string storedFingerprint) =>
        candidateUpdatedAt > storedUpdatedAt
        || (candidateUpdatedAt == storedUpdatedAt && string.CompareOrdinal(candidateFingerprint, storedFingerprint) > 0);
}
