using Retention.Core.Orders;
using Retention.Core.Nightly;
using Customer = Retention.Core.Generic.GenericOrderEventWriter.Customer;
using Retention.Core.Generic;

namespace Retention.Tests.Support;

/// <summary>
/// A small shop whose snapshot as of 2025-03-10 (Europe/Berlin) was worked out by hand, one rule per order:
/// <code>
/// A1  A   2025-01-05  100.00 paid                                  purchase, 100
/// A2  A   2025-03-10 22:30Z = 23:30 Berlin, 50.00                  purchase on the day, 50
/// A3  A   2025-03-10 23:30Z = 00:30 on 03-11 Berlin                after the day: not counted
/// B1  B   2025-02-01  80.00, refund 30.00 on 02-03                 purchase, 50 net
/// B2  B   2025-02-15  40.00, refunded in full on 03-10             no longer a purchase; −40 on the day
/// C1  C   guest by e-mail, 2025-03-10 09:00Z, 20.00                purchase on the day, C is new
/// D1  D   2025-03-01  60.00, cancelled 03-05                       not counted
/// E1  E   2025-02-20  70.00, test order                            not counted
/// F1  F   2025-02-21  25.00, pending                               not counted
/// G1  G   2025-03-08  30.00, cancelled 03-11 (after the day)       still a purchase, 30
/// </code>
/// Orders 5 (A1 A2 B1 C1 G1); customers 4 (A B C G), one repeat (A); net revenue 250.00; the day before it
/// was 220.00 (A1 100, B1 50, B2 40, G1 30), so 30.00 on the day; AOV 50; repeat rate 0.25; frequency 1.25.
/// </summary>
public static class HandComputedShop
{
    public static readonly DateOnly AsOf = new(2025, 3, 10);
    public const string TimeZone = "Europe/Berlin";

    public static HeadlineFigures Expected(string shopId) => new(shopId, AsOf, "EUR",
        Customers: 4, NewCustomers: 1, RepeatCustomers: 1, Orders: 5, OrdersOnDay: 2,
        NetRevenue: 250.00m, NetRevenueOnDay: 30.00m, AverageOrderValue: 50m, RepeatPurchaseRate: 0.25m, PurchaseFrequency: 1.25m);

    /// <summary>Every delivery as (event id, body); G1 and B2 arrive in two versions, the later one last.</summary>
    public static IReadOnlyList<(string EventId, byte[] Body)> Deliveries()
    {
        var a = new Customer("A", null);
        var b = new Customer("B", null);
        var g = new Customer("G", null);
        return
        [
            ("e-a1", Order("A1", a, "2025-01-05T10:00:00Z", 100.00m, OrderStatus.Paid)),
            ("e-a2", Order("A2", a, "2025-03-10T22:30:00Z", 50.00m, OrderStatus.Paid)),
            ("e-a3", Order("A3", a, "2025-03-10T23:30:00Z", 10.00m, OrderStatus.Paid)),
            ("e-b1", GenericOrderEventWriter.Write("B1", b, At("2025-02-01T12:00:00Z"), At("2025-02-03T12:00:00Z"), "EUR", 80.00m,
                OrderStatus.Paid, [new OrderRefund("rb1", 30.00m, At("2025-02-03T12:00:00Z"))])),
            ("e-b2-1", Order("B2", b, "2025-02-15T12:00:00Z", 40.00m, OrderStatus.Paid)),
            ("e-b2-2", GenericOrderEventWriter.Write("B2", b, At("2025-02-15T12:00:00Z"), At("2025-03-10T08:00:00Z"), "EUR", 40.00m,
                OrderStatus.Refunded, [new OrderRefund("rb2", 40.00m, At("2025-03-10T08:00:00Z"))])),
            ("e-c1", Order("C1", new Customer(null, "c.guest@example.com"), "2025-03-10T09:00:00Z", 20.00m, OrderStatus.Paid)),
            ("e-d1", GenericOrderEventWriter.Write("D1", new Customer("D", null), At("2025-03-01T12:00:00Z"), At("2025-03-05T12:00:00Z"),
                "EUR", 60.00m, OrderStatus.Cancelled, cancelledAt: At("2025-03-05T12:00:00Z"))),
            ("e-e1", GenericOrderEventWriter.Write("E1", new Customer("E", null), At("2025-02-20T12:00:00Z"), At("2025-02-20T12:00:00Z"),
                "EUR", 70.00m, OrderStatus.Paid, test: true)),
            ("e-f1", Order("F1", new Customer("F", null), "2025-02-21T12:00:00Z", 25.00m, OrderStatus.Pending)),
            ("e-g1-1", Order("G1", g, "2025-03-08T12:00:00Z", 30.00m, OrderStatus.Paid)),
            ("e-g1-2", GenericOrderEventWriter.Write("G1", g, At("2025-03-08T12:00:00Z"), At("2025-03-11T12:00:00Z"), "EUR", 30.00m,
                OrderStatus.Cancelled, cancelledAt: At("2025-03-11T12:00:00Z"))),
        ];
    }

    private static byte[] Order(string id, Customer customer, string at, decimal total, OrderStatus status) =>
        GenericOrderEventWriter.Write(id, customer, At(at), At(at), "EUR", total, status);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
