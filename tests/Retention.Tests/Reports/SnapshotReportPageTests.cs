using System.Net;
using System.Text.RegularExpressions;
using Retention.Core.Ledger;
using Retention.Core.Metrics;
using Retention.Core.Nightly;
using Retention.Core.Orders;
using Retention.Core.Products;
using Retention.Core.Spend;
using Retention.Pipeline.Reports;

namespace Retention.Tests.Reports;

/// <summary>The report renderer on its own: encoding, the empty shop, self-containment, and the figures it derives (CLV bins, key customers at risk).</summary>
public class SnapshotReportPageTests
{
    private const string HostileShop = "x\"><script>alert(1)</script>";
    private const string HostileKey = "c:<img src=x onerror=alert(2)>'&\"";

    private static string HostilePage()
    {
        var orders = ReportTestShop.Orders(HostileShop, customers: 40);
        orders.Add(new NormalizedOrder(HostileShop, "big", HostileKey, new DateTimeOffset(2024, 2, 1, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 2, 1, 12, 0, 0, TimeSpan.Zero), "EUR", 50_000m, OrderStatus.Paid, null, [], false, "generic", "evt-big")
        {
            Lines = [new OrderLine(HostileKey, null, null, HostileShop, 1, 50_000m)],
            DiscountCodes = [HostileKey],
        });
        return SnapshotReportPage.Render(ReportTestShop.Snapshot(ReportTestShop.Shop(HostileShop), orders, ReportTestShop.Answers(HostileShop, orders)));
    }

    [Fact]
    public void A_hostile_shop_id_and_customer_key_are_encoded_wherever_they_appear()
    {
        var html = HostilePage();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(HostileShop, html);
        Assert.DoesNotContain(HostileKey, html);
        // In the title, the heading and the body's data attribute; the key in its row's attribute and its cell.
        Assert.True(Regex.Count(html, Regex.Escape(WebUtility.HtmlEncode(HostileShop))) >= 3);
        Assert.Contains($"data-at-risk-customer=\"{WebUtility.HtmlEncode(HostileKey)}\"", html);
        Assert.Contains($"<code>{WebUtility.HtmlEncode(HostileKey)}</code>", html);
    }

    [Fact]
    public void The_first_order_journey_and_second_order_sections_agree_with_an_independent_computation()
    {
        var orders = ReportTestShop.Orders("dimensions");
        var html = SnapshotReportPage.Render(ReportTestShop.Snapshot(ReportTestShop.Shop("dimensions"), orders, []));
        var customers = orders.Where(o => !o.IsTest && o.Status != OrderStatus.Cancelled)
            .GroupBy(o => o.CustomerKey).Select(g => g.OrderBy(o => o.OrderedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal).ToList()).ToList();

        // First product: customers and repeat rate of each product, as the table's row shows them.
        var firstProducts = Rows(html, "first-purchase-first-product");
        foreach (var (id, title) in ReportTestShop.Products)
        {
            var acquired = customers.Where(c => c[0].Lines.Any(l => l.ProductId == id)).ToList();
            if (acquired.Count == 0) continue;
            var row = firstProducts[$"{title} ({id})"];
            Assert.Equal(acquired.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(ReportFormat.Percent((decimal)acquired.Count(c => c.Count > 1) / acquired.Count), row[2]);
        }
        // Countries: every customer under the country of their first order.
        var countries = Rows(html, "first-purchase-country");
        foreach (var country in customers.GroupBy(c => c[0].Country!))
            Assert.Equal(ReportFormat.Count(country.Count()), countries[country.Key][0]);

        // Journey: the top pair is the (first, second) product pair held by most customers.
        var pairs = customers.Where(c => c.Count > 1)
            .SelectMany(c => c[0].Lines.SelectMany(f => c[1].Lines.Select(s => (First: f.Title!, Second: s.Title!))).Distinct())
            .GroupBy(p => p).Select(g => g.Count()).OrderDescending().ToList();
        var journey = Regex.Matches(html, "<table id=\"journey-table\">.*?</table>", RegexOptions.Singleline)[0].Value;
        Assert.Equal(ReportFormat.Count(pairs[0]), Regex.Match(journey, "<tbody><tr><th scope=\"row\">[^<]*</th><td class=\"num\">[^<]*</td><td class=\"num\">([^<]*)</td>").Groups[1].Value);

        // Time to second order: the histogram holds every customer with a second order once.
        var secondOrders = customers.Count(c => c.Count > 1);
        Assert.Contains($"{ReportFormat.Count(secondOrders)} of {ReportFormat.Count(customers.Count)} customers ordered a second time", html);
        var median = customers.Where(c => c.Count > 1).Select(c => (decimal)(c[1].OrderedAt - c[0].OrderedAt).Days).Order().ToList();
        Assert.Equal(ReportFormat.Number(median.Count % 2 == 1 ? median[median.Count / 2] : (median[median.Count / 2 - 1] + median[median.Count / 2]) / 2, 1),
            Rows(html, "second-order-table")["all"][3]);
    }

    [Fact]
    public void The_channel_table_divides_the_channels_spend_by_its_new_customers_and_draws_ltv_to_cac()
    {
        var shop = ReportTestShop.Shop("channels");
        var orders = ReportTestShop.Orders("channels");
        List<ChannelSpend> spend = [new("google / cpc", new DateOnly(2024, 1, 1), 600m), new("google / cpc", new DateOnly(2024, 2, 1), 400m)];
        var night = NightlyFigures.Compute(shop, OrderLedger.Build(shop, orders), ProductCatalog.Empty, new Dictionary<DateOnly, decimal>(), [],
            ReportTestShop.AsOf, spend);
        var html = SnapshotReportPage.Render(night);

        // google / cpc's new customers: first purchase through it, in any month; its spend is all of it.
        var acquired = orders.Where(o => !o.IsTest && o.Status != OrderStatus.Cancelled).GroupBy(o => o.CustomerKey)
            .Select(g => g.OrderBy(o => o.OrderedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal).First())
            .Count(first => first.Channel.Label == "google / cpc");
        var row = Rows(html, "channel-table")["google / cpc"];
        Assert.Equal([ReportFormat.Count(acquired), ReportFormat.Money(1000m), ReportFormat.Number(Math.Round(1000m / acquired, 2), 2)], row[..3]);
        Assert.Equal("–", Rows(html, "channel-table")["newsletter / email"][2]);
        Assert.Equal(1, Regex.Count(html, "data-chart=\"channel-ltv-cac\""));
    }

    /// <summary>A report table's rows by their header cell, each with its other cells' texts.</summary>
    private static Dictionary<string, string[]> Rows(string html, string tableId)
    {
        var table = Regex.Match(html, $"<table id=\"{tableId}\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(table);
        return Regex.Matches(table, "<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>").ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups[1].Value),
            m => Regex.Matches(m.Groups[2].Value, "<td class=\"num\">(.*?)</td>").Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray());
    }

    [Fact]
    public void An_empty_shop_says_no_data_yet_in_every_section_and_draws_no_chart()
    {
        var html = SnapshotReportPage.Render(ReportTestShop.Snapshot(ReportTestShop.Shop("empty-shop"), [], []));
        Assert.Contains("data-empty-shop", html);
        Assert.Equal(["cohorts", "churn", "clv", "segments", "first_purchase_cohorts", "channel_payback", "product_journey", "time_to_second_order", "nps", "reasons", "audiences", "at-risk", "forecast"],
            Regex.Matches(html, "data-no-data=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain("<svg", html);
        Assert.DoesNotContain("NaN", html);
        Assert.DoesNotContain("Infinity", html);
    }

    [Fact]
    public void The_page_loads_nothing_from_outside_and_every_chart_has_an_accessible_name()
    {
        var orders = ReportTestShop.Orders("self-contained");
        var html = SnapshotReportPage.Render(ReportTestShop.Snapshot(ReportTestShop.Shop("self-contained"), orders, ReportTestShop.Answers("self-contained", orders)));
        Assert.StartsWith("<!doctype html>\n<html lang=\"en\">", html);
        Assert.Contains("<title>Retention report: self-contained, as of 2025-06-30</title>", html);
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{WebUtility.HtmlEncode("default-src 'none'; style-src 'unsafe-inline'; img-src data:")}", html);
        // Every reference is to the page itself or a data: URL; the only URL at all is the SVG namespace.
        foreach (Match reference in Regex.Matches(html, "\\s(?:src|href|action|srcset|poster|data)\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase))
            Assert.Matches("^(#|data:)", reference.Groups[1].Value);
        Assert.DoesNotContain(Regex.Matches(html, "https?://").Select(m => html.Substring(m.Index, 40)), u => !u.StartsWith("http://www.w3.org/2000/svg\"", StringComparison.Ordinal));
        foreach (var forbidden in new[] { "<script", "<iframe", "<object", "<embed", "<img", "url(", "@import", "rel=\"stylesheet\"", "@font-face" })
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        var charts = Regex.Matches(html, "<svg [^>]*>");
        Assert.Equal(10, charts.Count); // nine charts of the figures and the forecast's churn-risk bands
        Assert.All(charts, chart => Assert.Matches("role=\"img\" aria-labelledby=\"[a-z-]+-title\"", chart.Value));
    }

    [Fact]
    public void The_heatmap_has_one_cell_per_cohort_and_month_with_the_share_in_its_tooltip()
    {
        var snapshot = ReportTestShop.Snapshot(ReportTestShop.Shop("heatmap"), ReportTestShop.Orders("heatmap"), []);
        var matrix = snapshot.Retention.MonthlyCohorts;
        var svg = CohortHeatmapSvg.Render(matrix, "h", "heatmap");
        Assert.Equal(matrix.Cohorts.Sum(c => c.Cells.Count), Regex.Count(svg, "data-cohort-cell=\"\""));
        var first = matrix.Cohorts[0].Cells[1];
        Assert.Contains($"data-cohort=\"{matrix.Cohorts[0].Label}\" data-k=\"1\" data-share=\"{first.ActiveShare.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"", svg);
        Assert.Contains($"{first.ActiveCustomers} active, {ReportFormat.Percent(first.ActiveShare)}", svg);
        // Darker for a larger share.
        Assert.NotEqual(CohortHeatmapSvg.Fill(0.1m), CohortHeatmapSvg.Fill(0.5m));
    }

    [Fact]
    public void Clv_bins_are_round_hold_every_customer_once_and_put_the_tail_in_one_open_bin()
    {
        static CustomerValue Customer(int i, decimal revenue) => new($"c{i}", new DateOnly(2025, 1, 1), 1, revenue, null);
        var customers = Enumerable.Range(1, 100).Select(i => Customer(i, i)).Append(Customer(0, 10_000m)).ToList();
        var bins = ClvHistogram.Of(customers);
        // 95th percentile (nearest rank of 101) = 96 → width 10 up to 100, then "100 and more".
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (decimal?)(i * 10 + 10)).Append(null), bins.Select(b => b.To));
        Assert.Equal([9, 10, 10, 10, 10, 10, 10, 10, 10, 10, 2], bins.Select(b => b.Customers));
        Assert.Equal(customers.Sum(c => c.NetRevenue), bins.Sum(b => b.NetRevenue));

        Assert.Empty(ClvHistogram.Of([]));
        var free = ClvHistogram.Of([Customer(1, 0m), Customer(2, 0m)]);
        Assert.Equal(2, Assert.Single(free).Customers);
    }

    [Fact]
    public void A_churned_key_customer_is_at_risk_whatever_their_segment_and_a_recent_one_in_a_good_segment_is_not()
    {
        var asOf = new DateOnly(2025, 6, 30);
        var purchases = new List<Purchase>
        {
            new("A", "a1", new DateOnly(2025, 5, 1), 1000m),   // the best customer, silent for 60 days: churned with N = 30
            new("C", "c1", new DateOnly(2025, 6, 29), 900m),   // the second best, bought yesterday
        };
        for (var i = 0; i < 20; i++) purchases.Add(new($"b{i:D2}", $"b{i}", new DateOnly(2025, 1, 1).AddDays(i), 10m + i));
        var figures = RetentionMetrics.Compute(PurchaseHistory.FromPurchases(asOf, purchases), new RetentionSettings(ChurnDays: 30));

        var list = AtRiskCustomers.Of(figures);
        // Key customers: ⌈22 / 10⌉ = 3, that is A, C and b19.
        Assert.Equal(["A", "C", "b19"], figures.Clv.KeyCustomers.Select(c => c.CustomerKey));
        Assert.Equal(["A", "b19"], list.Select(c => c.CustomerKey));
        var a = list[0];
        Assert.Equal((1, 60, new DateOnly(2025, 5, 1), true, false), (a.Rank, a.RecencyDays, a.LastPurchase, a.IsChurned, a.InRiskSegment));
        Assert.DoesNotContain(a.Segment, AtRiskCustomers.RiskSegments);
        Assert.Equal(3, list[1].Rank);
    }
}
