using System.Globalization;
using Retention.Core.Dimensions;
using Retention.Core.Orders;
using Retention.Tests.Import;
using Retention.Tests.Support;
using Xunit.Abstractions;

namespace Retention.Tests.Dimensions;

/// <summary>
/// The dimension figures of a night on real data: Online Retail imported through the command line, the night of
/// 2011-12-09, and every first-product, country, journey and time-to-second-order figure against DuckDB computing the
/// definitions of docs/metrics.md over the same .gz by the import's rules of docs/import.md (<see cref="OnlineRetailImportTests.Placed"/>).
/// </summary>
[Collection(OnlineRetailShared.Name)]
public class OnlineRetailDimensionTests(OnlineRetailShop shop, ITestOutputHelper output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private DimensionFigures Night()
    {
        Assert.Equal(0, shop.ExitCode);
        return shop.Night.Dimensions;
    }

    /// <summary>
    /// Purchases by the ledger's rule (an order refunded in full is none), each customer's first and second, and the
    /// first order's products: the base of every figure below.
    /// </summary>
    private static string Customers => $"""
        SET threads = 1;
        WITH {OnlineRetailImportTests.Placed(OnlineRetailShop.SqlPath)},
        purchases AS (
            SELECT p.order_id, p.customer_id, p.country_name, CAST(p.ordered_at AS DATE) AS day, p.total - r.refunds AS net
            FROM placed p JOIN refunded r USING (order_id)
            WHERE NOT (r.refunds > 0 AND r.refunds >= p.total) AND CAST(p.ordered_at AS DATE) <= DATE '2011-12-09'
        ),
        ranked AS (
            SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY day, order_id) AS n,
                   count(*) OVER (PARTITION BY customer_id) AS purchases
            FROM purchases
        ),
        clv AS (
            SELECT f.customer_id,
                   sum(x.net) FILTER (WHERE x.day < f.day + INTERVAL 3 MONTH) AS clv3,
                   sum(x.net) FILTER (WHERE x.day < f.day + INTERVAL 6 MONTH) AS clv6,
                   sum(x.net) FILTER (WHERE x.day < f.day + INTERVAL 12 MONTH) AS clv12
            FROM ranked f JOIN purchases x USING (customer_id) WHERE f.n = 1 GROUP BY f.customer_id
        ),
        customers AS (
            SELECT f.customer_id, f.order_id AS first_order, f.day AS first_day, f.country_name, f.purchases,
                   s.order_id AS second_order, s.day AS second_day, clv.clv3, clv.clv6, clv.clv12
            FROM ranked f LEFT JOIN ranked s ON s.customer_id = f.customer_id AND s.n = 2 JOIN clv ON clv.customer_id = f.customer_id
            WHERE f.n = 1
        ),
        first_products AS (SELECT c.customer_id, b.product_id FROM customers c JOIN bought b ON b.order_id = c.first_order),
        second_products AS (SELECT c.customer_id, b.product_id FROM customers c JOIN bought b ON b.order_id = c.second_order)
        """;

    /// <summary>A group's figures from its customers: the columns <see cref="AssertCohort"/> reads, in its order.</summary>
    private const string GroupFigures = """
        count(*), count(*) FILTER (WHERE purchases >= 2),
        count(*) FILTER (WHERE first_day + 30 <= DATE '2011-12-09'), count(*) FILTER (WHERE first_day + 30 <= DATE '2011-12-09' AND second_day - first_day <= 30),
        count(*) FILTER (WHERE first_day + 90 <= DATE '2011-12-09'), count(*) FILTER (WHERE first_day + 90 <= DATE '2011-12-09' AND second_day - first_day <= 90),
        count(*) FILTER (WHERE first_day + 180 <= DATE '2011-12-09'), count(*) FILTER (WHERE first_day + 180 <= DATE '2011-12-09' AND second_day - first_day <= 180),
        count(*) FILTER (WHERE first_day + 365 <= DATE '2011-12-09'), count(*) FILTER (WHERE first_day + 365 <= DATE '2011-12-09' AND second_day - first_day <= 365),
        count(*) FILTER (WHERE first_day + INTERVAL 3 MONTH <= DATE '2011-12-09'), sum(clv3) FILTER (WHERE first_day + INTERVAL 3 MONTH <= DATE '2011-12-09'),
        count(*) FILTER (WHERE first_day + INTERVAL 6 MONTH <= DATE '2011-12-09'), sum(clv6) FILTER (WHERE first_day + INTERVAL 6 MONTH <= DATE '2011-12-09'),
        count(*) FILTER (WHERE first_day + INTERVAL 12 MONTH <= DATE '2011-12-09'), sum(clv12) FILTER (WHERE first_day + INTERVAL 12 MONTH <= DATE '2011-12-09')
        """;

    [Fact]
    public void First_product_cohorts_are_the_ones_DuckDB_computes_with_the_tail_cut_into_other()
    {
        var figures = Night().Cohorts.Where(c => c.Dimension == "first_product").ToList();
        var kept = DuckDbQuery.Rows($"""
            {Customers},
            ranks AS (
                SELECT product_id, row_number() OVER (ORDER BY count(*) DESC, product_id) AS rank FROM first_products GROUP BY product_id
            )
            SELECT r.rank, r.product_id, {GroupFigures}
            FROM ranks r JOIN first_products fp USING (product_id) JOIN customers c USING (customer_id)
            WHERE r.rank <= 25 GROUP BY r.rank, r.product_id ORDER BY r.rank
            """);
        var other = DuckDbQuery.Rows($"""
            {Customers},
            ranks AS (
                SELECT product_id, row_number() OVER (ORDER BY count(*) DESC, product_id) AS rank FROM first_products GROUP BY product_id
            ),
            cut AS (SELECT DISTINCT fp.customer_id FROM first_products fp JOIN ranks r USING (product_id) WHERE r.rank > 25)
            SELECT 26, '(other)', {GroupFigures}, (SELECT count(*) FROM ranks) FROM cut JOIN customers c USING (customer_id)
            """);
        Assert.Equal(26, figures.Count);
        foreach (var (expected, actual) in kept.Concat(other).Zip(figures)) AssertCohort(expected, actual);
        Assert.All(figures, f => Assert.Equal(Convert.ToInt32(other[0][^1], C), f.Cut.ValuesTotal));
        output.WriteLine($"first products: {figures[0].Value} {figures[0].Title} has {figures[0].Customers} customers, repeat rate {figures[0].RepeatPurchaseRate}");
    }

    [Fact]
    public void Country_cohorts_are_the_ones_DuckDB_computes_from_the_countries_named_in_the_file()
    {
        var figures = Night().Cohorts.Where(c => c.Dimension == "country").ToList();
        // The file names countries; the figures name codes. The names are mapped as the import maps them, which
        // CountryCodeTests holds to a hand-written table of the file's 38 names.
        var byName = DuckDbQuery.Rows($"""
            {Customers}
            SELECT country_name, {GroupFigures} FROM customers c GROUP BY country_name
            """);
        // "unknown" gathers every unmapped name: a code's figures are the sums over its names (a customer has one country).
        var byCode = byName.GroupBy(row => CountryCode.FromName((string)row[0]))
            .Select(g => (Code: g.Key, Figures: Enumerable.Range(1, byName[0].Length - 1).Select(i => g.Sum(r => r[i] is DBNull ? 0m : Convert.ToDecimal(r[i], C))).ToArray()))
            .OrderByDescending(g => g.Figures[0]).ThenBy(g => g.Code, StringComparer.Ordinal).ToList();
        Assert.True(byCode.Count > 20, "Online Retail's countries should need the cut");
        var expected = byCode.Take(20).Select((g, i) => (object[])[i + 1, g.Code, .. g.Figures.Cast<object>()]).ToList();
        var rest = byCode.Skip(20).ToList();
        expected.Add([21, FirstPurchaseDimensions.Other, .. Enumerable.Range(0, rest[0].Figures.Length).Select(i => (object)rest.Sum(g => g.Figures[i]))]);
        Assert.Equal(expected.Count, figures.Count);
        foreach (var (row, actual) in expected.Zip(figures)) AssertCohort(row, actual);
        Assert.Contains(figures, f => f.Value == CountryCode.Unknown);
        output.WriteLine($"countries: {byCode.Count}, first {figures[0].Value} with {figures[0].Customers} customers");
    }

    [Fact]
    public void The_product_journey_and_repurchase_are_the_ones_DuckDB_computes()
    {
        var night = Night();
        var pairs = DuckDbQuery.Rows($"""
            {Customers},
            repeaters AS (SELECT product_id, count(*) AS n FROM first_products JOIN customers USING (customer_id) WHERE second_order IS NOT NULL GROUP BY product_id)
            SELECT f.product_id, s.product_id, count(*) AS customers, any_value(r.n)
            FROM first_products f JOIN second_products s USING (customer_id) JOIN repeaters r ON r.product_id = f.product_id
            GROUP BY f.product_id, s.product_id ORDER BY customers DESC, f.product_id, s.product_id LIMIT 50
            """);
        Assert.Equal(pairs.Select(p => ((string)p[0], (string)p[1], Convert.ToInt32(p[2], C), Convert.ToInt32(p[3], C))),
            night.Journey.Select(p => (p.FirstProductId, p.SecondProductId, p.Customers, p.FirstProductRepeatCustomers)));
        Assert.All(night.Journey, p => Assert.Equal(Math.Round((decimal)p.Customers / p.FirstProductRepeatCustomers, 6), p.Share));

        var repurchase = DuckDbQuery.Rows($"""
            {Customers}
            SELECT f.product_id, count(*) AS customers, count(c.second_order),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM second_products s WHERE s.customer_id = f.customer_id AND s.product_id = f.product_id))
            FROM first_products f JOIN customers c USING (customer_id)
            GROUP BY f.product_id ORDER BY customers DESC, f.product_id LIMIT 50
            """);
        Assert.Equal(repurchase.Select(r => ((string)r[0], Convert.ToInt32(r[1], C), Convert.ToInt32(r[2], C), Convert.ToInt32(r[3], C))),
            night.Repurchases.Select(r => (r.ProductId, r.FirstOrderCustomers, r.RepeatCustomers, r.RepurchasedCustomers)));
        output.WriteLine($"top pair: {night.Journey[0].FirstProductTitle} → {night.Journey[0].SecondProductTitle}, {night.Journey[0].Customers} customers");
    }

    [Fact]
    public void Time_to_second_order_is_the_one_DuckDB_computes_for_all_and_per_first_month()
    {
        var timing = Night().TimeToSecondOrder;
        var expected = DuckDbQuery.Rows($"""
            {Customers},
            grouped AS (
                SELECT NULL AS month, * FROM customers UNION ALL SELECT date_trunc('month', first_day) AS month, * FROM customers
            )
            SELECT month, count(*), count(second_day),
                   count(*) FILTER (WHERE second_day - first_day BETWEEN 0 AND 7), count(*) FILTER (WHERE second_day - first_day BETWEEN 8 AND 14),
                   count(*) FILTER (WHERE second_day - first_day BETWEEN 15 AND 30), count(*) FILTER (WHERE second_day - first_day BETWEEN 31 AND 60),
                   count(*) FILTER (WHERE second_day - first_day BETWEEN 61 AND 90), count(*) FILTER (WHERE second_day - first_day BETWEEN 91 AND 180),
                   count(*) FILTER (WHERE second_day - first_day BETWEEN 181 AND 365), count(*) FILTER (WHERE second_day - first_day >= 366),
                   quantile_cont(second_day - first_day, 0.25), quantile_cont(second_day - first_day, 0.5), quantile_cont(second_day - first_day, 0.75),
                   CAST(sum(second_day - first_day) AS BIGINT)
            FROM grouped GROUP BY month ORDER BY month NULLS FIRST
            """);
        Assert.Equal(expected.Count, timing.Count);
        foreach (var (row, actual) in expected.Zip(timing))
        {
            Assert.Equal(row[0] is DBNull ? null : DateOnly.FromDateTime((DateTime)row[0]), actual.FirstPurchaseMonth);
            Assert.Equal((Int(row[1]), Int(row[2])), (actual.Customers, actual.SecondOrderCustomers));
            Assert.Equal(Enumerable.Range(3, 8).Select(i => Int(row[i])), actual.Buckets);
            Assert.Equal([Dec(row[11]), Dec(row[12]), Dec(row[13])], [actual.P25Days, actual.MedianDays, actual.P75Days]);
            Assert.Equal(actual.SecondOrderCustomers == 0 ? null : Math.Round(Convert.ToDecimal(row[14], C) / actual.SecondOrderCustomers, 4), actual.AverageDays);
        }
        output.WriteLine($"days to a second order: median {timing[0].MedianDays}, quartiles {timing[0].P25Days}–{timing[0].P75Days}, of {timing[0].SecondOrderCustomers} customers");
    }

    /// <summary>Rank, value, then <see cref="GroupFigures"/>' columns against a cohort row.</summary>
    private static void AssertCohort(object[] expected, FirstPurchaseCohort actual)
    {
        Assert.Equal((Convert.ToInt32(expected[0], C), (string)expected[1]), (actual.Rank, actual.Value));
        var customers = Int(expected[2]);
        Assert.Equal((customers, Int(expected[3])), (actual.Customers, actual.RepeatCustomers));
        Assert.Equal(Math.Round((decimal)Int(expected[3]) / customers, 6), actual.RepeatPurchaseRate);
        for (var w = 0; w < 4; w++)
            Assert.Equal((Int(expected[4 + 2 * w]), Int(expected[5 + 2 * w])), (actual.OrderedAgain[w].Judged, actual.OrderedAgain[w].OrderedAgain));
        for (var m = 0; m < 3; m++)
        {
            var judged = Int(expected[12 + 2 * m]);
            Assert.Equal(judged, actual.HistoricClv[m].Customers);
            Assert.Equal(judged == 0 ? null : Math.Round(Convert.ToDecimal(expected[13 + 2 * m], C) / judged, 4), actual.HistoricClv[m].Average);
        }
    }

    private static int Int(object value) => value is DBNull ? 0 : Convert.ToInt32(value, C);

    private static decimal? Dec(object value) => value is DBNull ? null : Convert.ToDecimal(value, C);
}
