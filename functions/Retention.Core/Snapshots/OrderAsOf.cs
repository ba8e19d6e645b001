using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Core.Snapshots;

/// <summary>
/// What one stored order contributes to the figures of a given day. The rules are dated, so any past day can
/// be recomputed from today's rows: a cancellation or refund changes the figures from its own day on, not before.
/// </summary>
public readonly record struct OrderAsOf(bool IsPurchase, decimal NetAmount, DateOnly OrderedOn)
{
    public static OrderAsOf Of(NormalizedOrder order, Shop shop, DateOnly day) => Of(order, shop.Calendar(), day);

    public static OrderAsOf Of(NormalizedOrder order, ShopCalendar shop, DateOnly day)
    {
        var orderedOn = shop.LocalDate(order.OrderedAt);
        if (order.IsTest || orderedOn > day) return new(false, 0m, orderedOn);
        var wasEverLive = order.Status.CanBePurchase() || order.Status == OrderStatus.Cancelled;
        if (!wasEverLive) return new(false, 0m, orderedOn);
        if (order.CancelledAt is { } cancelledAt && shop.LocalDate(cancelledAt) <= day) return new(false, 0m, orderedOn);

        var refunded = order.Refunds.Where(r => shop.LocalDate(r.RefundedAt) <= day).Sum(r => r.Amount);
        var fullyRefunded = refunded > 0 && refunded >= order.Total;
        return fullyRefunded ? new(false, 0m, orderedOn) : new(true, order.Total - refunded, orderedOn);
    }
}
