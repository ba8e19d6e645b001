using Retention.Core.Metrics;
using static Retention.Tests.Metrics.HandComputedRetentionShop;

namespace Retention.Tests.Metrics;

public class HistoricClvTests
{
    [Fact]
    public void Customer_values_are_the_hand_computed_ones()
    {
        var clv = HistoricClv.Compute(History(), Settings);
        Assert.Equal(0.40m, clv.GrossMarginRate);
        Assert.Equal(
        [
            new CustomerValue("A", D("2024-12-30"), 3, 120m, 48m),
            new CustomerValue("B", D("2025-01-06"), 3, 160m, 64m),
            new CustomerValue("C", D("2025-01-15"), 1, 50m, 20m),
            new CustomerValue("D", D("2025-02-03"), 2, 100m, 40m),
            new CustomerValue("E", D("2025-03-12"), 1, 25m, 10m),
        ], clv.Customers);
    }

    [Fact]
    public void Cohort_averages_are_the_hand_computed_ones()
    {
        Assert.Equal(
        [
            new CohortValue(D("2024-12-01"), 1, 120m, 120m, 48m),
            new CohortValue(D("2025-01-01"), 2, 210m, 105m, 42m),
            new CohortValue(D("2025-02-01"), 1, 100m, 100m, 40m),
            new CohortValue(D("2025-03-01"), 1, 25m, 25m, 10m),
        ], HistoricClv.Compute(History(), Settings).Cohorts);
    }

    [Fact]
    public void The_key_customers_are_the_top_tenth_rounded_up()
    {
        Assert.Equal([new CustomerValue("B", D("2025-01-06"), 3, 160m, 64m)], HistoricClv.Compute(History(), Settings).KeyCustomers);
    }

    [Fact]
    public void Without_a_margin_rate_there_is_no_margin()
    {
        var clv = HistoricClv.Compute(History(), RetentionSettings.Default);
        Assert.Null(clv.GrossMarginRate);
        Assert.All(clv.Customers, c => Assert.Null(c.GrossMargin));
        Assert.All(clv.Cohorts, c => Assert.Null(c.AverageGrossMargin));
    }

    [Fact]
    public void Equal_revenue_at_the_cut_is_decided_by_ordinal_key()
    {
        // 11 customers → the top 2. "Zed" has the most; "B" and "a" tie for second. Ordinal puts "B" (0x42) before "a" (0x61),
        // where a culture-aware comparison would put "a" first.
        var purchases = new List<Purchase> { P("Zed", "z", "2025-01-01", 500m), P("a", "a", "2025-01-01", 100m), P("B", "b", "2025-01-02", 100m) };
        purchases.AddRange(Enumerable.Range(0, 8).Select(i => P($"m{i}", $"m{i}", "2025-01-03", 10m + i)));
        var top = HistoricClv.Compute(PurchaseHistory.FromPurchases(D("2025-01-31"), purchases), RetentionSettings.Default).KeyCustomers;
        Assert.Equal(["Zed", "B"], top.Select(c => c.CustomerKey));
    }

    [Fact]
    public void Settings_outside_zero_to_one_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoricClv.Compute(History(), new RetentionSettings(GrossMarginRate: 1.2m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoricClv.Compute(History(), new RetentionSettings(GrossMarginRate: -0.1m)));
    }
}
