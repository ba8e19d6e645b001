using Retention.Core.Metrics;
using static Retention.Tests.Metrics.HandComputedRetentionShop;

namespace Retention.Tests.Metrics;

public class ChurnAnalysisTests
{
    [Fact]
    public void The_months_are_the_hand_computed_ones()
    {
        var churn = ChurnAnalysis.Compute(History(), Settings);

        Assert.Equal(30, churn.Threshold.Days);
        Assert.Equal(
        [
            new ChurnMonth(D("2024-12-01"), false, ActiveAtStart: 0, NewCustomers: 1, ReactivatedCustomers: 0, ChurnedCustomers: 0, ActiveAtEnd: 1, ChurnRate: null, LostRevenue: 0m),
            new ChurnMonth(D("2025-01-01"), false, 1, 2, 0, 0, 3, 0m, 0m),
            new ChurnMonth(D("2025-02-01"), false, 3, 1, 1, 3, 2, 1m, 270m),
            new ChurnMonth(D("2025-03-01"), true, 2, 1, 2, 2, 3, 1m, 220m),
        ], churn.Months);
    }

    [Fact]
    public void Now_three_are_active_and_two_churned()
    {
        var churn = ChurnAnalysis.Compute(History(), Settings);
        // B's 30th day without a purchase is the as-of day itself: churned. One day earlier B was still active.
        Assert.Equal((3, 2), (churn.ActiveCustomers, churn.ChurnedCustomers));
        var dayBefore = ChurnAnalysis.Compute(PurchaseHistory.FromPurchases(AsOf.AddDays(-1), Purchases), Settings);
        Assert.Equal((3, 1), (dayBefore.ActiveCustomers, dayBefore.ChurnedCustomers)); // A, B, D active; C churned; E not yet a customer
    }

    [Fact]
    public void A_month_uses_no_purchase_after_its_end()
    {
        // Recomputing as of the end of February must give February exactly as the March run does.
        var asOfMarch = ChurnAnalysis.Compute(History(), Settings);
        var asOfFebruary = ChurnAnalysis.Compute(PurchaseHistory.FromPurchases(D("2025-02-28"), Purchases), Settings);
        Assert.Equal(asOfMarch.Months.Take(3), asOfFebruary.Months);
    }

    [Fact]
    public void A_customer_who_comes_back_before_n_days_never_churned()
    {
        // Gaps of exactly 30 days with N = 30: on day 30 they buy, so the silence never reached 30 full days.
        var history = PurchaseHistory.FromPurchases(D("2025-03-20"),
            [P("X", "1", "2025-01-01", 10m), P("X", "2", "2025-01-31", 10m), P("X", "3", "2025-03-02", 10m)]);
        var churn = ChurnAnalysis.Compute(history, new RetentionSettings(ChurnDays: 30));
        Assert.All(churn.Months, m => Assert.Equal((0, 0), (m.ChurnedCustomers, m.ReactivatedCustomers)));
        Assert.Equal((1, 0), (churn.ActiveCustomers, churn.ChurnedCustomers));
    }

    [Fact]
    public void A_customer_won_and_lost_within_the_month_is_not_in_its_churn_rate()
    {
        // N = 10. Y bought 2024-12-28, active at the start of January, churns 01-07. X buys 01-03 and churns 01-13, but X was
        // not among the customers at the start, so January's rate is 1 / 1, not 2 / 1; X's revenue is not "lost" either.
        var history = PurchaseHistory.FromPurchases(D("2025-01-31"), [P("Y", "y1", "2024-12-28", 70m), P("X", "x1", "2025-01-03", 5m)]);
        var january = ChurnAnalysis.Compute(history, new RetentionSettings(ChurnDays: 10)).Months[^1];
        Assert.Equal(new ChurnMonth(D("2025-01-01"), false, ActiveAtStart: 1, NewCustomers: 1, ReactivatedCustomers: 0, ChurnedCustomers: 1,
            ActiveAtEnd: 0, ChurnRate: 1m, LostRevenue: 70m), january);
    }

    [Fact]
    public void Lost_revenue_looks_back_365_days_from_the_last_purchase()
    {
        // Last purchase 2024-12-31; 2024-01-01 is exactly 365 days earlier (2024 is a leap year) and falls out of the window,
        // 2024-01-02 is the first day in it. Churn on 2024-12-31 + 30 = 2025-01-30.
        var history = PurchaseHistory.FromPurchases(D("2025-02-15"),
            [P("X", "1", "2024-01-01", 1000m), P("X", "2", "2024-01-02", 200m), P("X", "3", "2024-12-31", 30m)]);
        var january = ChurnAnalysis.Compute(history, new RetentionSettings(ChurnDays: 30)).Months.Single(m => m.Month == D("2025-01-01"));
        Assert.Equal((1, 230m), (january.ChurnedCustomers, january.LostRevenue));
    }

    [Fact]
    public void A_threshold_longer_than_the_shops_life_churns_nobody()
    {
        var churn = ChurnAnalysis.Compute(History(), new RetentionSettings(ChurnDays: int.MaxValue));
        Assert.Equal((5, 0), (churn.ActiveCustomers, churn.ChurnedCustomers));
        Assert.All(churn.Months, m => Assert.Equal((0, 0m), (m.ChurnedCustomers, m.LostRevenue)));
    }

    [Fact]
    public void An_empty_shop_has_no_months_and_nobody_churned()
    {
        var churn = ChurnAnalysis.Compute(PurchaseHistory.FromPurchases(AsOf, []), RetentionSettings.Default);
        Assert.Equal((0, 0, 0), (churn.Months.Count, churn.ActiveCustomers, churn.ChurnedCustomers));
        Assert.Equal(ChurnThresholdSource.Fallback, churn.Threshold.Source);
    }
}
