using Retention.Core.Metrics;
using static Retention.Tests.Metrics.HandComputedRetentionShop;

namespace Retention.Tests.Metrics;

public class RetentionMetricsTests
{
    [Fact]
    public void The_entry_point_gathers_every_figure_under_the_same_settings()
    {
        var history = History();
        var figures = RetentionMetrics.Compute(history, Settings);

        Assert.Equal((AsOf, Settings), (figures.AsOf, figures.Settings));
        Assert.Equal(PurchaseBehaviour.Compute(history).Lifetime, figures.Lifetime);
        Assert.Equal(PurchaseBehaviour.Compute(history).Months, figures.Months);
        Assert.Equal(CohortMatrix.Compute(history, CohortPeriod.Month).Cohorts.Select(c => c.Cells), figures.MonthlyCohorts.Cohorts.Select(c => c.Cells));
        Assert.Equal(CohortPeriod.Week, figures.WeeklyCohorts.Period);
        Assert.Equal(5, figures.WeeklyCohorts.Cohorts.Count);
        Assert.Equal(ChurnAnalysis.Compute(history, Settings).Months, figures.Churn.Months);
        Assert.Equal(new ChurnThreshold(30, ChurnThresholdSource.Setting, 0.90m, 4, null), figures.Churn.Threshold);
        Assert.Equal([null, 1m, 0.333333m, 1m], figures.Retention.Select(r => r.Rate));
        Assert.Equal(["B"], figures.Clv.KeyCustomers.Select(c => c.CustomerKey));
        Assert.Equal(64m, figures.Clv.KeyCustomers[0].GrossMargin);
        Assert.Equal(RfmSegmentation.Compute(history).Customers, figures.Rfm.Customers);
    }

    [Fact]
    public void Without_settings_the_threshold_is_derived_or_falls_back_and_changes_the_churn()
    {
        // N = 90 (fallback): nobody's gap exceeds 90 days and nobody's silence reached 90 days by 03-12 (C's: 56).
        var figures = RetentionMetrics.Compute(History(), RetentionSettings.Default);
        Assert.Equal(ChurnThresholdSource.Fallback, figures.Churn.Threshold.Source);
        Assert.Equal((5, 0), (figures.Churn.ActiveCustomers, figures.Churn.ChurnedCustomers));
        Assert.All(figures.Churn.Months, m => Assert.Equal(0, m.ChurnedCustomers));
    }

    [Fact]
    public void An_empty_shop_gives_empty_figures_not_errors()
    {
        var figures = RetentionMetrics.Compute(PurchaseHistory.FromPurchases(AsOf, []), RetentionSettings.Default);
        Assert.Equal(0, figures.Lifetime.Customers);
        Assert.Empty(figures.Months);
        Assert.Empty(figures.MonthlyCohorts.Cohorts);
        Assert.Empty(figures.Churn.Months);
        Assert.Empty(figures.Retention);
        Assert.Empty(figures.Clv.Customers);
        Assert.Empty(figures.Clv.KeyCustomers);
        Assert.Empty(figures.Rfm.Customers);
    }

    [Fact]
    public void A_single_purchase_makes_a_one_cell_shop()
    {
        var figures = RetentionMetrics.Compute(PurchaseHistory.FromPurchases(AsOf, [P("X", "x1", "2025-03-12", 40m)]), RetentionSettings.Default);
        Assert.Equal((1, 1, 40m, 1m, true), (figures.MonthlyCohorts.Cohorts.Single().Size, figures.MonthlyCohorts.Cohorts.Single().Cells.Single().ActiveCustomers,
            figures.MonthlyCohorts.Cohorts.Single().Cells.Single().NetRevenue, figures.MonthlyCohorts.Cohorts.Single().Cells.Single().RevenueVersusFirstPeriod,
            figures.MonthlyCohorts.Cohorts.Single().Cells.Single().IsPartial));
        Assert.Equal((0m, 0, null), (figures.Lifetime.RepeatPurchaseRate, figures.Lifetime.Intervals, figures.Lifetime.AverageDaysBetweenOrders));
        Assert.Equal(["X"], figures.Clv.KeyCustomers.Select(c => c.CustomerKey));
        // Alone, nobody is worse than X: every score is 1, the corner of the grid (docs/metrics.md explains why).
        Assert.Equal(new RfmScores("X", 0, 1, 40m, 1, 1, 1, 1, RfmSegment.Lost), figures.Rfm.Customers.Single());
    }

    [Fact]
    public void Invalid_settings_are_refused_before_anything_is_computed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionMetrics.Compute(History(), new RetentionSettings(ChurnDays: -5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionMetrics.Compute(History(), new RetentionSettings(GrossMarginRate: 2m)));
    }
}
