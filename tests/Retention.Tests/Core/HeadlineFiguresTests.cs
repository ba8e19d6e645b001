using System.Globalization;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Nightly;
using Retention.Tests.Support;
using Retention.Core.Generic;

namespace Retention.Tests.Core;

public class HeadlineFiguresTests
{
    private static readonly Shop Shop = new("hand-shop", HandComputedShop.TimeZone, "EUR", DateTimeOffset.UnixEpoch);

    /// <summary>What the store holds after every delivery: the latest version of each order.</summary>
    private static List<NormalizedOrder> StoredOrders() =>
        [.. HandComputedShop.Deliveries()
            .Select(d => GenericOrderNormalizer.Normalize(d.Body, new ShopContext(Shop.Id, "EUR", "salt"), d.EventId).Order!)
            .GroupBy(o => o.OrderId)
            .Select(g => g.MaxBy(o => o.UpdatedAt)!)];

    [Fact]
    public void The_hand_computed_shop_gives_the_hand_computed_figures()
    {
        Assert.Equal(HandComputedShop.Expected(Shop.Id), HeadlineFigures.Compute(Shop, HandComputedShop.AsOf, StoredOrders()));
    }

    [Fact]
    public void Past_days_are_recomputed_from_todays_rows()
    {
        // As of 03-09: A1 100, B1 50, B2 40 (its refund comes on 03-10), G1 30 = 220 over 4 orders and 3 customers (A, B, G).
        var snapshot = HeadlineFigures.Compute(Shop, new DateOnly(2025, 3, 9), StoredOrders());
        Assert.Equal((3, 4, 220.00m, 1), (snapshot.Customers, snapshot.Orders, snapshot.NetRevenue, snapshot.RepeatCustomers));
        // The day G1 is cancelled (03-11): G leaves, and the cancellation costs 30 on that day; A3 (00:30 Berlin) adds 10.
        var after = HeadlineFigures.Compute(Shop, new DateOnly(2025, 3, 11), StoredOrders());
        Assert.Equal((3, 5, 230.00m, -20.00m), (after.Customers, after.Orders, after.NetRevenue, after.NetRevenueOnDay));
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_of_the_rows()
    {
        var orders = StoredOrders();
        var reversed = Enumerable.Reverse(orders).ToList();
        Assert.Equal(HeadlineFigures.Compute(Shop, HandComputedShop.AsOf, orders), HeadlineFigures.Compute(Shop, HandComputedShop.AsOf, reversed));
    }

    [Fact]
    public void An_empty_shop_has_zero_figures_not_errors()
    {
        var snapshot = HeadlineFigures.Compute(Shop, HandComputedShop.AsOf, []);
        Assert.Equal((0, 0, 0m, 0m, 0m), (snapshot.Customers, snapshot.Orders, snapshot.AverageOrderValue, snapshot.RepeatPurchaseRate, snapshot.PurchaseFrequency));
    }

    [Theory]
    [InlineData("2025-03-11T01:30:00Z", "Europe/Berlin", "2025-03-10")]
    [InlineData("2025-03-11T01:30:00Z", "America/Los_Angeles", "2025-03-09")]
    [InlineData("2025-03-10T12:30:00Z", "Pacific/Auckland", "2025-03-10")]
    [InlineData("2025-03-10T12:30:00Z", "UTC", "2025-03-09")]
    public void The_nightly_run_reports_on_yesterday_in_the_shops_time_zone(string now, string timeZone, string expected)
    {
        var shop = Shop with { TimeZoneId = timeZone };
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), shop.NightlyAsOfDate(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));
    }
}
