using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Snapshots;

namespace Retention.Core.Metrics;

/// <summary>A shop's purchases as of one day: the common input of the cohort, churn, CLV and RFM figures.</summary>
public sealed class PurchaseHistory
{
    private PurchaseHistory(DateOnly asOf, IReadOnlyList<Purchase> purchases)
    {
        AsOf = asOf;
        Purchases = purchases;
    }

    public DateOnly AsOf { get; }

    /// <summary>Sorted by customer, then day, then order id (ordinal), so every figure is deterministic.</summary>
    public IReadOnlyList<Purchase> Purchases { get; }

    public static PurchaseHistory Of(Shop shop, DateOnly asOf, IEnumerable<NormalizedOrder> orders)
    {
        var purchases = new List<Purchase>();
        foreach (var order in orders)
        {
            var state = OrderAsOf.Of(order, shop, asOf);
            if (state.IsPurchase) purchases.Add(new Purchase(order.CustomerKey, order.OrderId, state.OrderedOn, state.NetAmount));
        }
        return FromPurchases(asOf, purchases);
    }

    /// <summary>For purchases already known (tests, imports); those after <paramref name="asOf"/> are dropped.</summary>
    public static PurchaseHistory FromPurchases(DateOnly asOf, IEnumerable<Purchase> purchases) => new(asOf,
        [.. purchases.Where(p => p.Day <= asOf)
            .OrderBy(p => p.CustomerKey, StringComparer.Ordinal).ThenBy(p => p.Day).ThenBy(p => p.OrderId, StringComparer.Ordinal)]);

    /// <summary>Each customer's purchases, in day order.</summary>
    public IEnumerable<IGrouping<string, Purchase>> ByCustomer() => Purchases.GroupBy(p => p.CustomerKey, StringComparer.Ordinal);
}
