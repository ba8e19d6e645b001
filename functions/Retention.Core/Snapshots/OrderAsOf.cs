using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Core.Snapshots;

/// <summary>
/// What one stored order contributes to the figures of a given day. The rules are dated, so any past day can
/// be recomputed from today's rows: a cancellation or refund changes the figures from its own day on, not before.
/// The rules themselves are <see cref="LedgerOrder.IsPurchaseOn"/>, which the nightly ledger applies to every order.
/// </summary>
public readonly record struct OrderAsOf(bool IsPurchase, decimal NetAmount, DateOnly OrderedOn)
{
    public static OrderAsOf Of(NormalizedOrder order, Shop shop, DateOnly day) => Of(order, shop.Calendar(), day);

    public static OrderAsOf Of(NormalizedOrder order, ShopCalendar shop, DateOnly day)
    {
        var ledger = LedgerOrder.From(order, shop);
        var isPurchase = ledger.IsPurchaseOn(day.DayNumber, out var net);
        return new(isPurchase, net, ledger.OrderedOn);
    }
}
