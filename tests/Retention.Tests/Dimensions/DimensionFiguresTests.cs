using Retention.Core.Dimensions;
using Retention.Core.Ledger;
using Retention.Core.Models;
using Retention.Core.Orders;
using Retention.Core.Products;
using static Retention.Tests.Dimensions.DimensionTestOrders;

namespace Retention.Tests.Dimensions;

/// <summary>
/// Five customers worked out by hand (<c>docs/metrics.md</c>, "First-purchase cohorts by dimension", "Product journey",
/// "Time to second order"), as of 2025-06-30:
/// a — first 01-10 {p1, p1, p2}, google / cpc, codes welcome10 + spring, DE, 100; second 01-25 {p1} 50 refunded 20 on 02-01; third 05-01 40.
/// b — first 01-10 {p2}, direct, no code, no country, 60; second 04-15 {p3} 10 (95 days).
/// c — first 06-20 {p3}, google / cpc, welcome10, FR, 20: too young for every window.
/// d — a test order 2024-12-01 (not a purchase), first 03-01 without lines or facets, 70.
/// e — an order of 01-05 refunded in full (not a purchase), first 02-10 {p4} GB 25 and a second the same day {p4} 15.
/// </summary>
public class DimensionFiguresTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private static readonly OrderChannel Google = OrderChannel.From("google", "cpc", null, null, null, isStorefront: true);

    private static readonly ProductCatalog Catalog = new([
        new CatalogProduct("p1", "Runner", "shoes", null), new CatalogProduct("p2", null, "shoes", null), new CatalogProduct("p3", "Sock", "socks", null)]);

    private static DimensionFigures Figures(IReadOnlyList<CustomerPrediction>? predictions = null)
    {
        NormalizedOrder[] orders =
        [
            Order("a1", "a", new(2025, 1, 10), 100m, ["p1", "p1", "p2"], Google, ["welcome10", "spring"], "DE"),
            Order("a2", "a", new(2025, 1, 25), 50m, ["p1"], refunds: [Refund("ra2", 20m, new(2025, 2, 1))]),
            Order("a3", "a", new(2025, 5, 1), 40m, ["p2"]),
            Order("b1", "b", new(2025, 1, 10), 60m, ["p2"]),
            Order("b2", "b", new(2025, 4, 15), 10m, ["p3"]),
            Order("c1", "c", new(2025, 6, 20), 20m, ["p3"], Google, ["welcome10"], "FR"),
            Order("d0", "d", new(2024, 12, 1), 500m, ["p9"], Google, ["x"], "US", test: true),
            Order("d1", "d", new(2025, 3, 1), 70m),
            Order("e0", "e", new(2025, 1, 5), 30m, ["p9"], status: OrderStatus.Refunded, refunds: [Refund("re0", 30m, new(2025, 1, 6))]),
            Order("e1", "e", new(2025, 2, 10), 25m, ["p4"], country: "GB"),
            Order("e2", "e", new(2025, 2, 10), 15m, ["p4"]),
        ];
        return DimensionFigures.Compute(OrderLedger.Build(Shop, orders), Catalog, AsOf, predictions ?? []);
    }

    private static List<FirstPurchaseCohort> Rows(DimensionFigures figures, string dimension) =>
        [.. figures.Cohorts.Where(r => r.Dimension == dimension)];

    [Fact]
    public void First_product_counts_a_customer_under_each_product_of_the_first_order_once()
    {
        var rows = Rows(Figures(), "first_product");

        // p2: a and b; then the single-customer values by ordinal value; d's first order has no lines.
        Assert.Equal([("p2", 2), ("(no lines)", 1), ("p1", 1), ("p3", 1), ("p4", 1)], rows.Select(r => (r.Value, r.Customers)));
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.Rank));
        Assert.All(rows, r => Assert.Equal(new FirstPurchaseCut(5, 5, 25), r.Cut));
        Assert.DoesNotContain(rows, r => r.IsOther);
        Assert.Equal(["Title of p2", null, "Runner", "Sock", "Title of p4"], rows.Select(r => r.Title));
    }

    [Fact]
    public void A_cohort_has_its_repeat_rate_windows_of_judged_customers_and_historic_clv_net_of_refunds()
    {
        var p2 = Rows(Figures(), "first_product")[0];

        Assert.Equal((2, 2, 1m), (p2.Customers, p2.RepeatCustomers, p2.RepeatPurchaseRate));
        // Both are old enough for 30 and 90 days (01-10 + 90 = 04-10), neither for 180; a came back after 15 days, b after 95.
        Assert.Equal([new(2, 1, 0.5m), new(2, 1, 0.5m), new(0, 0, null), new(0, 0, null)], p2.OrderedAgain);
        // 3 months: a's purchases before 04-10 are 100 and 50 − 20 refunded = 130, b's 60: (130 + 60) / 2. Nobody is 6 months old.
        Assert.Equal([new(2, 95m), new(0, null), new(0, null)], p2.HistoricClv);

        var noLines = Rows(Figures(), "first_product")[1];
        Assert.Equal((1, 0, 0m), (noLines.Customers, noLines.RepeatCustomers, noLines.RepeatPurchaseRate));
        Assert.Equal([new(1, 0, 0m), new(1, 0, 0m), new(0, 0, null), new(0, 0, null)], noLines.OrderedAgain);
        Assert.Equal([new(1, 70m), new(0, null), new(0, null)], noLines.HistoricClv);

        // c, 10 days old, is judged in no window and has no CLV at any month yet.
        var p3 = Rows(Figures(), "first_product")[3];
        Assert.All(p3.OrderedAgain, w => Assert.Equal(new WindowShare(0, 0, null), w));
        Assert.All(p3.HistoricClv, w => Assert.Equal(new ClvAverage(0, null), w));

        // e's second order is the same day: 0 days, within every window e is judged in; 25 + 15 in the first 3 months.
        var p4 = Rows(Figures(), "first_product")[4];
        Assert.Equal([new(1, 1, 1m), new(1, 1, 1m), new(0, 0, null), new(0, 0, null)], p4.OrderedAgain);
        Assert.Equal(new ClvAverage(1, 40m), p4.HistoricClv[0]);
    }

    [Fact]
    public void Categories_channels_codes_and_countries_come_from_the_first_order()
    {
        var figures = Figures();
        Assert.Equal([("shoes", 2), ("(no lines)", 1), ("socks", 1), ("uncategorised", 1)],
            Rows(figures, "first_category").Select(r => (r.Value, r.Customers)));
        Assert.Equal([("(direct) / (none)", 3, 2), ("google / cpc", 2, 1)],
            Rows(figures, "first_channel").Select(r => (r.Value, r.Customers, r.RepeatCustomers)));
        Assert.Equal(0.666667m, Rows(figures, "first_channel")[0].RepeatPurchaseRate);
        Assert.Equal([("none", 3), ("welcome10", 2), ("spring", 1)], Rows(figures, "first_discount_code").Select(r => (r.Value, r.Customers)));
        Assert.Equal([("unknown", 2), ("DE", 1), ("FR", 1), ("GB", 1)], Rows(figures, "country").Select(r => (r.Value, r.Customers)));
        Assert.Equal(["first_product", "first_category", "first_channel", "first_discount_code", "country"],
            figures.Cohorts.Select(r => r.Dimension).Distinct());
    }

    [Fact]
    public void Predicted_clv_is_averaged_over_the_customers_with_a_prediction()
    {
        static CustomerPrediction Prediction(string key, double? clv) => new(key, 0.5, ChurnRisk.Medium, 0, 0, 0, null, clv, null);
        var figures = Figures([Prediction("a", 10), Prediction("b", null), Prediction("c", 30), Prediction("e", 50)]);

        var shoes = Rows(figures, "first_category")[0];
        Assert.Equal((1, 10d), (shoes.PredictedCustomers, shoes.AveragePredictedClv));
        var google = Rows(figures, "first_channel")[1];
        Assert.Equal((2, 20d), (google.PredictedCustomers, google.AveragePredictedClv));
        var noLines = Rows(figures, "first_product")[1];
        Assert.Equal(0, noLines.PredictedCustomers);
        Assert.Null(noLines.AveragePredictedClv);
        Assert.All(Figures().Cohorts, r => Assert.Null(r.AveragePredictedClv));
    }

    [Fact]
    public void The_journey_counts_each_first_and_second_product_pair_once_per_customer()
    {
        var figures = Figures();

        // a: {p1, p2} then {p1}; b: {p2} then {p3}; e: {p4} then {p4}. p2's repeat customers are a and b.
        Assert.Equal([("p1", "p1", 1, 1, 1m), ("p2", "p1", 1, 2, 0.5m), ("p2", "p3", 1, 2, 0.5m), ("p4", "p4", 1, 1, 1m)],
            figures.Journey.Select(p => (p.FirstProductId, p.SecondProductId, p.Customers, p.FirstProductRepeatCustomers, p.Share)));
        Assert.Equal([1, 2, 3, 4], figures.Journey.Select(p => p.Rank));
        Assert.Equal(("Runner", "Runner"), (figures.Journey[0].FirstProductTitle, figures.Journey[0].SecondProductTitle));

        Assert.Equal([("p2", 2, 2, 0, 0m), ("p1", 1, 1, 1, 1m), ("p3", 1, 0, 0, null), ("p4", 1, 1, 1, 1m)],
            figures.Repurchases.Select(p => (p.ProductId, p.FirstOrderCustomers, p.RepeatCustomers, p.RepurchasedCustomers, p.RepurchaseRate)));
    }

    [Fact]
    public void Time_to_second_order_has_buckets_and_interpolated_quartiles_for_all_and_per_first_month()
    {
        var rows = Figures().TimeToSecondOrder;

        Assert.Equal([null, new(2025, 1, 1), new(2025, 2, 1), new(2025, 3, 1), new(2025, 6, 1)], rows.Select(r => r.FirstPurchaseMonth));
        // Days 0 (e), 15 (a), 95 (b): quantile_cont positions 0.5, 1 and 1.5.
        var all = rows[0];
        Assert.Equal((5, 3), (all.Customers, all.SecondOrderCustomers));
        Assert.Equal([1, 0, 1, 0, 0, 1, 0, 0], all.Buckets);
        Assert.Equal((7.5m, 15m, 55m, 36.6667m), (all.P25Days, all.MedianDays, all.P75Days, all.AverageDays));
        // January: 15 and 95, positions 0.25, 0.5, 0.75.
        Assert.Equal((2, 2, 35m, 55m, 75m, 55m), (rows[1].Customers, rows[1].SecondOrderCustomers, rows[1].P25Days, rows[1].MedianDays, rows[1].P75Days, rows[1].AverageDays));
        Assert.Equal((1, 1, 0m, 0m, 0m), (rows[2].Customers, rows[2].SecondOrderCustomers, rows[2].P25Days, rows[2].MedianDays, rows[2].P75Days));
        Assert.Equal((1, 0), (rows[3].Customers, rows[3].SecondOrderCustomers));
        Assert.Null(rows[3].MedianDays);
        Assert.Null(rows[3].AverageDays);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0], rows[4].Buckets);
    }

    private static readonly int[] SecondOrderDays = [1, 2, 3, 10];

    [Fact]
    public void Quartiles_of_four_interpolate_between_neighbours()
    {
        // Second orders after 1, 2, 3 and 10 days: positions 0.75, 1.5 and 2.25 of [1, 2, 3, 10].
        var start = new DateOnly(2025, 3, 3);
        var orders = SecondOrderDays.SelectMany((days, i) => new[]
        {
            Order($"f{i}", $"q{i}", start, 10m), Order($"s{i}", $"q{i}", start.AddDays(days), 10m),
        });
        var all = DimensionFigures.Compute(OrderLedger.Build(Shop, orders), ProductCatalog.Empty, AsOf, []).TimeToSecondOrder[0];

        Assert.Equal((1.75m, 2.5m, 4.75m, 4m), (all.P25Days, all.MedianDays, all.P75Days, all.AverageDays));
        Assert.Equal([3, 1, 0, 0, 0, 0, 0, 0], all.Buckets);
    }

    [Fact]
    public void Values_past_the_cut_are_one_other_row_that_counts_a_customer_once()
    {
        // Twenty codes with two customers each, then z1 and z2 on x's first order and z3 on y's: three values past the cut of 20.
        var day = new DateOnly(2025, 2, 1);
        var orders = Enumerable.Range(0, 40).Select(i => Order($"k{i}", $"k{i}", day, 10m, codes: [$"code{i / 2:00}"])).ToList();
        orders.Add(Order("x1", "x", day, 10m, codes: ["z1", "z2"]));
        orders.Add(Order("x2", "x", day.AddDays(3), 10m));
        orders.Add(Order("y1", "y", day, 10m, codes: ["z3"]));
        var rows = DimensionFigures.Compute(OrderLedger.Build(Shop, orders), ProductCatalog.Empty, AsOf, []).Cohorts
            .Where(r => r.Dimension == "first_discount_code").ToList();

        Assert.Equal(21, rows.Count);
        Assert.All(rows, r => Assert.Equal(new FirstPurchaseCut(23, 20, 20), r.Cut));
        Assert.All(rows.Take(20), r => Assert.Equal(2, r.Customers));
        var other = rows[^1];
        Assert.Equal(("(other)", 21, true), (other.Value, other.Rank, other.IsOther));
        Assert.Equal((2, 1, 0.5m), (other.Customers, other.RepeatCustomers, other.RepeatPurchaseRate));
        Assert.Equal(new WindowShare(2, 1, 0.5m), other.OrderedAgain[0]);
        Assert.Equal(new ClvAverage(2, 15m), other.HistoricClv[0]);
    }

    /// <summary>
    /// The counts read each customer's facts from the night's purchases (as of their day) by position, alongside the ledger's
    /// customers: purchases of another ledger (a customer more, fewer or another) are refused, not read as someone else's.
    /// </summary>
    [Fact]
    public void The_counts_refuse_purchases_that_are_not_the_ledger_s_as_of_the_day()
    {
        var day = new DateOnly(2025, 2, 1);
        var ledger = OrderLedger.Build(Shop, [Order("a1", "a", day, 10m), Order("b1", "b", day.AddDays(10), 20m)]);
        Assert.NotNull(DimensionCounts.Of(ledger, ledger.PurchasesWithoutIdsAsOf(AsOf), ProductCatalog.Empty));
        Assert.NotNull(DimensionCounts.Of(ledger, ledger.PurchasesWithoutIdsAsOf(day), ProductCatalog.Empty));

        NormalizedOrder[][] others =
        [
            [Order("a1", "a", day, 10m), Order("c1", "c", day, 20m)],
            [Order("a1", "a", day, 10m)],
            [Order("a1", "a", day, 10m), Order("b1", "b", day, 20m), Order("c1", "c", day, 20m)],
        ];
        foreach (var orders in others)
        {
            var refused = Assert.Throws<ArgumentException>(() =>
                DimensionCounts.Of(ledger, OrderLedger.Build(Shop, orders).PurchasesWithoutIdsAsOf(AsOf), ProductCatalog.Empty));
            Assert.Equal("history", refused.ParamName);
        }
    }

    [Fact]
    public void A_shop_without_purchases_has_no_rows()
    {
        var figures = DimensionFigures.Compute(OrderLedger.Empty(Shop), ProductCatalog.Empty, AsOf, []);

        Assert.Empty(figures.Cohorts);
        Assert.Empty(figures.Journey);
        Assert.Empty(figures.Repurchases);
        Assert.Equal((0, 0), (figures.TimeToSecondOrder[0].Customers, figures.TimeToSecondOrder[0].SecondOrderCustomers));
        Assert.Null(figures.TimeToSecondOrder[0].MedianDays);
    }
}
