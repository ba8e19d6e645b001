using System.Globalization;
using Retention.Core.Snapshots;

namespace Retention.Cli.Commands;

public static class SnapshotPrinter
{
    public static void Print(ShopSnapshot s, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Snapshot of {s.ShopId} as of {s.AsOf:yyyy-MM-dd} (amounts in {s.Currency}, net of refunds and cancellations)");
        void Row(string name, string value) => output.WriteLine($"  {name,-28}{value,16}");
        Row("customers", s.Customers.ToString("N0", c));
        Row("new customers (on the day)", s.NewCustomers.ToString("N0", c));
        Row("repeat customers", s.RepeatCustomers.ToString("N0", c));
        Row("orders", s.Orders.ToString("N0", c));
        Row("orders (on the day)", s.OrdersOnDay.ToString("N0", c));
        Row("net revenue", s.NetRevenue.ToString("N2", c));
        Row("net revenue (on the day)", s.NetRevenueOnDay.ToString("N2", c));
        Row("average order value", s.AverageOrderValue.ToString("N2", c));
        Row("repeat-purchase rate", s.RepeatPurchaseRate.ToString("P1", c));
        Row("purchase frequency", s.PurchaseFrequency.ToString("N3", c));
    }
}
