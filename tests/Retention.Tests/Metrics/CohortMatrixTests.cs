using Retention.Core.Metrics;
using static Retention.Tests.Metrics.HandComputedRetentionShop;

namespace Retention.Tests.Metrics;

public class CohortMatrixTests
{
    /// <summary>A cell as (customers, share, revenue, revenue versus period 0, partial), the columns of the hand computation.</summary>
    private static (int, decimal, decimal, decimal?, bool) Cell(CohortCell c) =>
        (c.ActiveCustomers, c.ActiveShare, c.NetRevenue, c.RevenueVersusFirstPeriod, c.IsPartial);

    [Fact]
    public void The_monthly_triangle_is_the_hand_computed_one()
    {
        var matrix = CohortMatrix.Compute(History(), CohortPeriod.Month);

        Assert.Equal([D("2024-12-01"), D("2025-01-01"), D("2025-02-01"), D("2025-03-01")], matrix.Cohorts.Select(c => c.Start));
        Assert.Equal(["2024-12", "2025-01", "2025-02", "2025-03"], matrix.Cohorts.Select(c => c.Label));
        Assert.Equal([1, 2, 1, 1], matrix.Cohorts.Select(c => c.Size));

        Assert.Equal(
        [
            (1, 1m, 70m, 1m, false), (1, 1m, 30m, 0.428571m, false), (0, 0m, 0m, 0m, false), (1, 1m, 20m, 0.285714m, true),
        ], matrix.Cohorts[0].Cells.Select(Cell));
        Assert.Equal([(2, 1m, 170m, 1m, false), (1, 0.5m, 40m, 0.235294m, false), (0, 0m, 0m, 0m, true)], matrix.Cohorts[1].Cells.Select(Cell));
        Assert.Equal([(1, 1m, 60m, 1m, false), (1, 1m, 40m, 0.666667m, true)], matrix.Cohorts[2].Cells.Select(Cell));
        Assert.Equal([(1, 1m, 25m, 1m, true)], matrix.Cohorts[3].Cells.Select(Cell));

        Assert.Equal([0, 1, 2, 3], matrix.Cohorts[0].Cells.Select(c => c.PeriodsSinceAcquisition));
        Assert.Equal([D("2025-01-01"), D("2025-02-01"), D("2025-03-01")], matrix.Cohorts[1].Cells.Select(c => c.PeriodStart));
    }

    [Fact]
    public void The_weekly_triangle_uses_iso_weeks_starting_on_monday()
    {
        var matrix = CohortMatrix.Compute(History(), CohortPeriod.Week);

        Assert.Equal([D("2024-12-30"), D("2025-01-06"), D("2025-01-13"), D("2025-02-03"), D("2025-03-10")], matrix.Cohorts.Select(c => c.Start));
        Assert.Equal(["2025-W01", "2025-W02", "2025-W03", "2025-W06", "2025-W11"], matrix.Cohorts.Select(c => c.Label));
        Assert.Equal([11, 10, 9, 6, 1], matrix.Cohorts.Select(c => c.Cells.Count));

        var a = matrix.Cohorts[0].Cells;
        Assert.Equal((1, 70m), (a[0].ActiveCustomers, a[0].NetRevenue));
        Assert.Equal((1, 30m, 0.428571m), (a[3].ActiveCustomers, a[3].NetRevenue, a[3].RevenueVersusFirstPeriod));
        Assert.Equal((1, 20m, 0.285714m), (a[9].ActiveCustomers, a[9].NetRevenue, a[9].RevenueVersusFirstPeriod));
        Assert.Equal(3, a.Sum(c => c.ActiveCustomers));
        Assert.Equal([10], a.Where(c => c.IsPartial).Select(c => c.PeriodsSinceAcquisition));

        var b = matrix.Cohorts[1].Cells;
        Assert.Equal((1, 120m), (b[0].ActiveCustomers, b[0].NetRevenue));
        Assert.Equal((1, 40m, 0.333333m, D("2025-02-10")), (b[5].ActiveCustomers, b[5].NetRevenue, b[5].RevenueVersusFirstPeriod, b[5].PeriodStart));
        Assert.Equal(2, b.Sum(c => c.ActiveCustomers));

        var d = matrix.Cohorts[3].Cells;
        Assert.Equal((1, 40m, 0.666667m, true), (d[5].ActiveCustomers, d[5].NetRevenue, d[5].RevenueVersusFirstPeriod, d[5].IsPartial));
        Assert.Equal((1, 25m, true), (matrix.Cohorts[4].Cells[0].ActiveCustomers, matrix.Cohorts[4].Cells[0].NetRevenue, matrix.Cohorts[4].Cells[0].IsPartial));
    }

    [Fact]
    public void Sunday_ends_the_week_and_monday_starts_the_next()
    {
        // Sunday 2025-01-05 is in ISO week 2025-W01 (Monday 2024-12-30); Monday 01-06 is k = 1; Sunday 01-12 still k = 1.
        var history = PurchaseHistory.FromPurchases(D("2025-01-12"),
            [P("X", "1", "2025-01-05", 10m), P("X", "2", "2025-01-06", 20m), P("X", "3", "2025-01-12", 30m)]);
        var cohort = CohortMatrix.Compute(history, CohortPeriod.Week).Cohorts.Single();
        Assert.Equal((D("2024-12-30"), "2025-W01"), (cohort.Start, cohort.Label));
        Assert.Equal([(1, 1m, 10m, 1m, false), (1, 1m, 50m, 5m, false)], cohort.Cells.Select(Cell));
    }

    [Fact]
    public void A_period_that_ends_on_the_as_of_day_is_complete()
    {
        // As of Sunday 2025-03-16 the week W11 is over; as of 2025-03-31 March is over.
        var week = CohortMatrix.Compute(PurchaseHistory.FromPurchases(D("2025-03-16"), Purchases), CohortPeriod.Week);
        Assert.DoesNotContain(week.Cohorts.SelectMany(c => c.Cells), c => c.IsPartial);
        var month = CohortMatrix.Compute(PurchaseHistory.FromPurchases(D("2025-03-31"), Purchases), CohortPeriod.Month);
        Assert.DoesNotContain(month.Cohorts.SelectMany(c => c.Cells), c => c.IsPartial);
        // One day earlier, the last period of every cohort is partial.
        var before = CohortMatrix.Compute(PurchaseHistory.FromPurchases(D("2025-03-30"), Purchases), CohortPeriod.Month);
        Assert.All(before.Cohorts, c => Assert.True(c.Cells[^1].IsPartial));
    }

    [Fact]
    public void A_cohort_whose_first_period_earned_nothing_has_no_relative_revenue()
    {
        // X's first order was free (net 0, e.g. a zero-price sample); 10 a month later cannot be "relative" to 0.
        var history = PurchaseHistory.FromPurchases(D("2025-02-28"), [P("X", "x1", "2025-01-10", 0m), P("X", "x2", "2025-02-10", 10m)]);
        var cells = CohortMatrix.Compute(history, CohortPeriod.Month).Cohorts.Single().Cells;
        Assert.Equal([(1, 1m, 0m, null, false), (1, 1m, 10m, null, false)], cells.Select(Cell));
    }

    [Fact]
    public void An_empty_shop_has_no_cohorts()
    {
        Assert.Empty(CohortMatrix.Compute(PurchaseHistory.FromPurchases(AsOf, []), CohortPeriod.Month).Cohorts);
        Assert.Empty(CohortMatrix.Compute(PurchaseHistory.FromPurchases(AsOf, []), CohortPeriod.Week).Cohorts);
    }
}
