using Retention.Core.Metrics;
using static Retention.Tests.Metrics.HandComputedRetentionShop;

namespace Retention.Tests.Metrics;

public class PurchaseBehaviourTests
{
    [Fact]
    public void Lifetime_figures_are_the_hand_computed_ones()
    {
        Assert.Equal(
            new PeriodFigures(D("2024-12-30"), AsOf, false, Customers: 5, NewCustomers: 5, ReturningCustomers: 0, RepeatCustomers: 3, Orders: 10,
                NetRevenue: 455m, RepeatPurchaseRate: 0.6m, PurchaseFrequency: 2m, AverageOrderValue: 45.5m, Intervals: 4, AverageDaysBetweenOrders: 34m),
            PurchaseBehaviour.Compute(History()).Lifetime);
    }

    [Fact]
    public void Monthly_figures_are_the_hand_computed_ones()
    {
        Assert.Equal(
        [
            new PeriodFigures(D("2024-12-01"), D("2024-12-31"), false, 1, 1, 0, 0, 1, 70m, 0m, 1m, 70m, 0, null),
            new PeriodFigures(D("2025-01-01"), D("2025-01-31"), false, 3, 2, 1, 1, 4, 200m, 0.333333m, 1.333333m, 50m, 1, 21m),
            new PeriodFigures(D("2025-02-01"), D("2025-02-28"), false, 2, 1, 1, 0, 2, 100m, 0m, 1m, 50m, 1, 35m),
            new PeriodFigures(D("2025-03-01"), AsOf, true, 3, 1, 2, 0, 3, 85m, 0m, 1m, 28.3333m, 2, 40m),
        ], PurchaseBehaviour.Compute(History()).Months);
    }

    [Fact]
    public void The_lifetime_figures_agree_with_the_first_cut_snapshot_definitions()
    {
        // HeadlineFigures: repeat = customers with 2+ purchases, AOV = revenue / purchases, frequency = purchases / customers.
        var lifetime = PurchaseBehaviour.Compute(History()).Lifetime;
        Assert.Equal((Math.Round(455m / 10, 4), Math.Round(3m / 5, 6), Math.Round(10m / 5, 6)),
            (lifetime.AverageOrderValue, lifetime.RepeatPurchaseRate, lifetime.PurchaseFrequency));
    }

    [Fact]
    public void An_empty_shop_has_no_ratios_rather_than_zeros()
    {
        var behaviour = PurchaseBehaviour.Compute(PurchaseHistory.FromPurchases(AsOf, []));
        Assert.Empty(behaviour.Months);
        Assert.Equal(new PeriodFigures(AsOf, AsOf, false, 0, 0, 0, 0, 0, 0m, null, null, null, 0, null), behaviour.Lifetime);
    }
}
