using Retention.Core.Ledger;
using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Core.Nightly;

/// <summary>
/// The headline figures of one shop as of the end of one day in the shop's time zone (<c>docs/metrics.md</c>).
/// "Lifetime" figures cover every day up to and including <see cref="AsOf"/>; "on day" figures cover that day alone.
/// Money is net of refunds and cancellations, in <see cref="Currency"/>.
/// </summary>
public sealed record HeadlineFigures(
    string ShopId,
    DateOnly AsOf,
    string Currency,
    int Customers,
    int NewCustomers,
    int RepeatCustomers,
    int Orders,
    int OrdersOnDay,
    decimal NetRevenue,
    decimal NetRevenueOnDay,
    decimal AverageOrderValue,
    decimal RepeatPurchaseRate,
    decimal PurchaseFrequency)
{
    /// <summary>From the shop's stored orders; the same rows always give the same figures.</summary>
    public static HeadlineFigures Compute(Shop shop, DateOnly asOf, IEnumerable<NormalizedOrder> orders)
    {
        var ledger = OrderLedger.Build(shop, orders);
        return Compute(shop, ledger.PurchasesAsOf(asOf), ledger.NetRevenueAsOf(asOf.AddDays(-1)));
    }

    /// <param name="netRevenueDayBefore">the lifetime net revenue as of the day before: the day's net revenue is the difference, refunds of older orders included.</param>
    public static HeadlineFigures Compute(Shop shop, PurchaseHistory history, decimal netRevenueDayBefore)
    {
        var table = history.Table;
        var asOf = table.AsOfDay;
        int newCustomers = 0, repeatCustomers = 0, ordersOnDay = 0;
        var netRevenue = 0m;
        for (var c = 0; c < table.Customers; c++)
        {
            int start = table.CustomerStart[c], end = table.CustomerStart[c + 1];
            if (table.Day[start] == asOf) newCustomers++;
            if (end - start >= 2) repeatCustomers++;
            for (var i = start; i < end; i++)
            {
                netRevenue += table.Amount[i];
                if (table.Day[i] == asOf) ordersOnDay++;
            }
        }

        var customers = table.Customers;
        var purchases = table.Purchases;
        return new HeadlineFigures(
            shop.Id, history.AsOf, shop.Currency,
            Customers: customers,
            NewCustomers: newCustomers,
            RepeatCustomers: repeatCustomers,
            Orders: purchases,
            OrdersOnDay: ordersOnDay,
            NetRevenue: netRevenue,
            NetRevenueOnDay: netRevenue - netRevenueDayBefore,
            AverageOrderValue: purchases == 0 ? 0m : Math.Round(netRevenue / purchases, 4),
            RepeatPurchaseRate: customers == 0 ? 0m : Math.Round((decimal)repeatCustomers / customers, 6),
            PurchaseFrequency: customers == 0 ? 0m : Math.Round((decimal)purchases / customers, 6));
    }
}

