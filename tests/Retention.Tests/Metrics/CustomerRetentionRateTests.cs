using Retention.Core.Metrics;
using static Retention.Tests.Metrics.HandComputedRetentionShop;

namespace Retention.Tests.Metrics;

public class CustomerRetentionRateTests
{
    [Fact]
    public void The_rates_are_the_hand_computed_ones()
    {
        var retention = CustomerRetentionRate.Monthly(ChurnAnalysis.Compute(History(), Settings));
        Assert.Equal(
        [
            new RetentionMonth(D("2024-12-01"), false, ActiveAtStart: 0, ActiveAtEnd: 1, NewCustomers: 1, Rate: null),
            new RetentionMonth(D("2025-01-01"), false, 1, 3, 2, 1m),
            new RetentionMonth(D("2025-02-01"), false, 3, 2, 1, 0.333333m),
            new RetentionMonth(D("2025-03-01"), true, 2, 3, 1, 1m),
        ], retention);
    }

    [Fact]
    public void New_customers_do_not_count_as_retained()
    {
        // One customer active at the start of February stays; three new ones arrive: (4 − 3) / 1 = 1, not 4.
        var history = PurchaseHistory.FromPurchases(D("2025-02-28"),
        [
            P("A", "a1", "2025-01-20", 10m), P("A", "a2", "2025-02-10", 10m),
            P("N1", "n1", "2025-02-05", 10m), P("N2", "n2", "2025-02-06", 10m), P("N3", "n3", "2025-02-07", 10m),
        ]);
        var february = CustomerRetentionRate.Monthly(ChurnAnalysis.Compute(history, new RetentionSettings(ChurnDays: 30)))[^1];
        Assert.Equal((1, 4, 3, 1m), (february.ActiveAtStart, february.ActiveAtEnd, february.NewCustomers, february.Rate));
    }
}
