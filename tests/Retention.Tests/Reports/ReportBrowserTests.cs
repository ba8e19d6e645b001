using Microsoft.Playwright;
using Retention.Cli.Settings;
using Retention.Core.Orders;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Reports;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Xunit.Abstractions;

namespace Retention.Tests.Reports;

/// <summary>
/// The published report as a person sees it: stored orders and feedback, the nightly computation (which publishes the
/// report), then <c>GET /api/report/{shop}</c> on the local host loaded in real headless Chromium. The page must load
/// without a console error or a failed request under its strict CSP, and its charts must show what an independent
/// computation from the orders says.
/// </summary>
public class ReportBrowserTests(PipelineHost pipeline, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<PipelineHost>, IClassFixture<Chromium>
{
    private async Task<(NightlySnapshotSummary Night, List<NormalizedOrder> Orders)> PublishAsync(string shopId, int customers)
    {
        var registrar = new ShopRegistrar(pipeline.Service<ShopDirectory>(), pipeline.Settings, TimeProvider.System);
        await registrar.RegisterAsync(shopId, "Europe/Berlin", "EUR", null, default, ReportTestShop.Settings);
        var orders = customers == 0 ? [] : ReportTestShop.Orders(shopId, customers);
        var table = pipeline.Service<OrderTable>();
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, token) => await table.UpsertAsync(order, token));
        var feedback = pipeline.Service<FeedbackTable>();
        foreach (var answer in ReportTestShop.Answers(shopId, orders)) await feedback.UpsertAsync(answer, default);
        var night = await pipeline.Service<SnapshotService>().ComputeAsync(shopId, ReportTestShop.AsOf, default);
        return (new NightlySnapshotSummary(night.Headline.Customers, night.Retention.Churn.Threshold.Days), orders);
    }

    private sealed record NightlySnapshotSummary(int Customers, int ChurnDays);

    private async Task<(IPage Page, PageProblems Problems, IResponse Response)> OpenAsync(string path)
    {
        var page = await chromium.NewPageAsync();
        var problems = new PageProblems(page);
        var response = await page.GotoAsync(new Uri(pipeline.Host.BaseAddress, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        return (page, problems, response);
    }

    private async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Chromium.ArtifactPath(name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    [Fact]
    public async Task The_report_loads_in_chromium_without_errors_and_its_charts_match_an_independent_computation()
    {
        const string shop = "report-browser";
        var (night, orders) = await PublishAsync(shop, customers: 140);
        var expected = new IndependentReportFigures(orders, ReportTestShop.AsOf);
        Assert.Equal((expected.Customers, ReportTestShop.ChurnDays), (night.Customers, night.ChurnDays));

        var (page, problems, response) = await OpenAsync($"api/report/{shop}?key={pipeline.ReportKey(shop)}");
        Assert.Equal(200, response.Status);
        Assert.Equal("text/html; charset=utf-8", (await response.AllHeadersAsync())["content-type"]);
        Assert.Equal(SnapshotReportPage.ContentSecurityPolicy, (await response.AllHeadersAsync())["content-security-policy"]);
        Assert.Equal($"Retention report: {shop}, as of 2025-06-30", await page.TitleAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(expected.Customers.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            await page.Locator("[data-kpi='customers'] .value").TextContentAsync());

        // The heatmap: exactly one cell per (cohort, month since acquisition) of the monthly triangle.
        Assert.Equal(expected.MonthlyTriangleCells, await page.Locator("[data-cohort-cell]").CountAsync());
        // One bar per segment that has customers, none for an empty one.
        var bars = await page.Locator("rect[data-chart='segment-customers']").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.bar)");
        Assert.Equal(expected.SegmentsWithCustomers.Order(StringComparer.Ordinal), bars.Order(StringComparer.Ordinal));
        // The key customers at risk, in rank order, by customer key.
        var atRisk = await page.Locator("tr[data-at-risk-customer]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.atRiskCustomer)");
        Assert.NotEmpty(atRisk);
        Assert.Equal(expected.KeyCustomersAtRisk(ReportTestShop.ChurnDays), atRisk);

        // Every chart is drawn (has a size on screen) and is announced by its title.
        foreach (var chart in await page.Locator("svg.chart").AllAsync())
        {
            var box = await chart.BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 50 }, $"chart {await chart.GetAttributeAsync("id")} is not drawn");
            Assert.Equal("img", await chart.GetAttributeAsync("role"));
            Assert.False(string.IsNullOrWhiteSpace(await chart.Locator("title").First.TextContentAsync()));
        }
        // The journey's pairs and the time to a second order, then the forecast's churn-risk bands: ten.
        Assert.Equal(10, await page.Locator("svg.chart").CountAsync());
        // The first-product table names each product the shop sold, and the journey's top pair is drawn.
        var firstProducts = await page.Locator("#first-purchase-first-product th[scope='row']").AllTextContentsAsync();
        Assert.Equal(ReportTestShop.Products.Select(p => $"{p.Title} ({p.Id})").Order(StringComparer.Ordinal), firstProducts.Order(StringComparer.Ordinal));
        Assert.True(await page.Locator("rect[data-chart='journey-pairs']").CountAsync() > 0);

        await ScreenshotAsync(page, $"report-{shop}.png");
        Assert.Empty(problems.All);
    }

    [Fact]
    public async Task An_empty_shop_shows_no_data_yet_instead_of_broken_charts()
    {
        const string shop = "report-empty";
        await PublishAsync(shop, customers: 0);
        var (page, problems, response) = await OpenAsync($"api/report/{shop}/2025-06-30?key={pipeline.ReportKey(shop)}");
        Assert.Equal(200, response.Status);
        Assert.Equal(1, await page.Locator("[data-empty-shop]").CountAsync());
        Assert.Equal(0, await page.Locator("svg.chart").CountAsync());
        var empty = await page.Locator("[data-no-data]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.noData)");
        Assert.Equal(["cohorts", "churn", "clv", "segments", "first_purchase_cohorts", "channel_payback", "product_journey", "time_to_second_order", "nps", "reasons",
            "audiences", "at-risk", "forecast"], empty);
        Assert.DoesNotContain("NaN", await page.Locator("body").InnerTextAsync());
        await ScreenshotAsync(page, $"report-{shop}.png");
        Assert.Empty(problems.All);
    }

    [Fact]
    public async Task Hostile_shop_ids_and_customer_keys_stay_text_in_the_browser()
    {
        const string hostileShop = "x\"><script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
        const string hostileKey = "c:<img src=x onerror=window.pwned=3>'\"&amp;";
        var shop = ReportTestShop.Shop(hostileShop);
        var orders = ReportTestShop.Orders(hostileShop, customers: 30);
        // The shop's best customer, silent since February 2024: a key customer on the at-risk list.
        orders.Add(new NormalizedOrder(hostileShop, "big", hostileKey, new DateTimeOffset(2024, 2, 1, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 2, 1, 12, 0, 0, TimeSpan.Zero), "EUR", 100_000m, OrderStatus.Paid, null, [], false, "generic", "evt-big"));
        var html = SnapshotReportPage.Render(ReportTestShop.Snapshot(shop, orders, ReportTestShop.Answers(hostileShop, orders)));

        var page = await chromium.NewPageAsync();
        var problems = new PageProblems(page);
        await page.SetContentAsync(html);
        Assert.Equal(0, await page.Locator("script, img, iframe, object, embed").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
        Assert.Equal($"Retention report {hostileShop}", await page.Locator("h1").TextContentAsync());
        Assert.Contains(hostileKey, await page.Locator("tr[data-at-risk-customer]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.atRiskCustomer)"));
        Assert.Empty(problems.All);
    }
}
