namespace Retention.Core.Orders;

/// <summary>
/// One order in the platform-neutral form every metric is computed from. Each event carries the order's
/// full current state; <see cref="UpdatedAt"/> orders the versions (see <see cref="OrderVersion"/>).
/// Amounts are in the shop's currency.
/// </summary>
public sealed record NormalizedOrder(
    string ShopId,
    string OrderId,
    string CustomerKey,
    DateTimeOffset OrderedAt,
    DateTimeOffset UpdatedAt,
    string Currency,
    decimal Total,
    OrderStatus Status,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<OrderRefund> Refunds,
    bool IsTest,
    string Platform,
    string SourceEventId)
{
    public decimal RefundedBy(DateTimeOffset instant) => Refunds.Where(r => r.RefundedAt <= instant).Sum(r => r.Amount);
}
