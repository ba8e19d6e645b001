using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>
/// Adds one refund from <c>refunds/create</c> to the stored version of its order, so net revenue drops on the refund's
/// day without waiting for the <c>orders/updated</c> that follows. The refund id makes it idempotent: the same refund
/// (redelivered, or already listed by an <c>orders/updated</c>) is never counted twice.
/// </summary>
public static class ShopifyRefundApplication
{
    /// <returns>the order with the refund, or null when there is nothing to apply (already there, or no money moved).</returns>
    /// <remarks>
    /// The new version is dated at the refund: <c>orders/updated</c> versions from before the refund (which do not
    /// list it) then lose to it, and those from after it (which list it under the same id) win, as they should. When
    /// the stored version is already as recent as the refund yet does not list it (Shopify's times have whole seconds,
    /// so an update in the refund's own second), the new version is dated one second after the stored one: a tie
    /// would leave the choice to the fingerprint, and money given back must not be dropped by a coin toss.
    /// </remarks>
    public static NormalizedOrder? Apply(NormalizedOrder stored, OrderRefund refund, string sourceEventId)
    {
        if (refund.Amount <= 0 || stored.Refunds.Any(r => r.RefundId == refund.RefundId)) return null;
        var refunds = stored.Refunds.Append(refund).ToList();
        var refunded = refunds.Sum(r => r.Amount);
        var status = stored.Status.CanBePurchase() && refunded >= stored.Total ? OrderStatus.Refunded : stored.Status;
        var updatedAt = refund.RefundedAt > stored.UpdatedAt ? refund.RefundedAt : stored.UpdatedAt.AddSeconds(1);
        return stored with { Refunds = refunds, Status = status, UpdatedAt = updatedAt, SourceEventId = sourceEventId };
    }
}
