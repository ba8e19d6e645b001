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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>True when the candidate (with its fingerprint) should replace the stored version.</summary>
    public static bool Supersedes(DateTimeOffset candidateUpdatedAt, string candidateFingerprint,
        DateTimeOffset storedUpdatedAt, string storedFingerprint) =>
        candidateUpdatedAt > storedUpdatedAt
        || (candidateUpdatedAt == storedUpdatedAt && string.CompareOrdinal(candidateFingerprint, storedFingerprint) > 0);
}
