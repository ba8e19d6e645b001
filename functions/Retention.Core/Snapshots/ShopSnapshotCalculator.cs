using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Core.Snapshots;

/// <summary>Computes a <see cref="ShopSnapshot"/> from the shop's stored orders; the same rows always give the same figures.</summary>
public static class ShopSnapshotCalculator
{
    public static ShopSnapshot Compute(Shop shop, DateOnly asOf, IEnumerable<NormalizedOrder> orders)
    {
        var firstPurchase = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var purchasesByCustomer = new Dictionary<string, int>(StringComparer.Ordinal);
        int purchases = 0, purchasesOnDay = 0;
        decimal netRevenue = 0m, netRevenueDayBefore = 0m;

        var calendar = shop.Calendar();
        foreach (var order in orders)
        {
            if (order.ShopId != shop.Id) throw new ArgumentException($"order {order.OrderId} belongs to shop {order.ShopId}, not {shop.Id}");
            var today = OrderAsOf.Of(order, calendar, asOf);
            netRevenueDayBefore += OrderAsOf.Of(order, calendar, asOf.AddDays(-1)).NetAmount;
            if (!today.IsPurchase) continue;

            purchases++;
            netRevenue += today.NetAmount;
            if (today.OrderedOn == asOf) purchasesOnDay++;
            purchasesByCustomer[order.CustomerKey] = purchasesByCustomer.GetValueOrDefault(order.CustomerKey) + 1;
            if (!firstPurchase.TryGetValue(order.CustomerKey, out var first) || today.OrderedOn < first)
                firstPurchase[order.CustomerKey] = today.OrderedOn;
        }

        var customers = purchasesByCustomer.Count;
        var repeatCustomers = purchasesByCustomer.Values.Count(n => n >= 2);
        return new ShopSnapshot(
            shop.Id, asOf, shop.Currency,
            Customers: customers,
            NewCustomers: firstPurchase.Values.Count(d => d == asOf),
            RepeatCustomers: repeatCustomers,
            Orders: purchases,
            OrdersOnDay: purchasesOnDay,
            NetRevenue: netRevenue,
            NetRevenueOnDay: netRevenue - netRevenueDayBefore,
            AverageOrderValue: purchases == 0 ? 0m : Math.Round(netRevenue / purchases, 4),
            RepeatPurchaseRate: customers == 0 ? 0m : Math.Round((decimal)repeatCustomers / customers, 6),
            PurchaseFrequency: customers == 0 ? 0m : Math.Round((decimal)purchases / customers, 6));
    }
}
