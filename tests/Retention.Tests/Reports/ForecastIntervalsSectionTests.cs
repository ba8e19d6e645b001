using Retention.Core.Datasets;
using Retention.Core.Ledger;
using Retention.Core.Models;
using Retention.Core.Nightly;
using Retention.Core.Orders;
using Retention.Core.Products;
using Retention.Core.Shops;
using Retention.Pipeline.Reports;
using Retention.Tests.Models;

namespace Retention.Tests.Reports;

/// <summary>CDNOW's sample as a night: the intervals in the customers' export, the model report and the report's forecast section.</summary>
public class ForecastIntervalsSectionTests
{
    private static readonly Shop Shop = new("cdnow-intervals", "UTC", "USD", DateTimeOffset.UnixEpoch);

    private static readonly Lazy<NightlyFigures> CdnowNight = new(() =>
    {
        var orders = CdnowSample.Rows.Where(r => r.Day <= CdnowSample.HoldoutEnd).Select((r, i) =>
        {
            var at = new DateTimeOffset(r.Day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            return new NormalizedOrder(Shop.Id, $"o{i}", r.CustomerKey, at, at, "USD", r.Amount, OrderStatus.Paid, null, [], false, "generic", $"e{i}");
        });
        return NightlyFigures.Compute(Shop, OrderLedger.Build(Shop, orders), ProductCatalog.Empty, new Dictionary<DateOnly, decimal>(), [], CdnowSample.HoldoutEnd);
    });

    [Fact]
    public void Customers_export_has_each_customers_interval()
    {
        var night = CdnowNight.Value;
        Assert.True(night.Forecast.Forecast.IsFitted);
        var rows = NightlyDatasets.Customers.RowsOf(night);
        int Column(string name) => NightlyDatasets.Customers.ColumnIndex(name);
        Assert.All(rows.Rows, r =>
        {
            var (low, high) = ((int)r[Column("purchases_p10")]!, (int)r[Column("purchases_p90")]!);
            Assert.InRange(low, 0, high);
            var (clvLow, clvHigh) = ((double)r[Column("clv_12m_p10")]!, (double)r[Column("clv_12m_p90")]!);
            Assert.InRange(clvLow, 0, clvHigh);
            // The CLV interval is the purchase interval at the customer's expected spend: CLV × purchases / expected purchases.
            if (high > 0) Assert.Equal(clvHigh / high * Math.Max(low, 0), clvLow, 1e-9 * Math.Max(1, clvHigh));
        });
        Assert.Contains(rows.Rows, r => (int)r[Column("purchases_p90")]! >= 3);
    }

    [Fact]
    public void Model_report_has_the_holdout_counts_and_the_shops_forecast()
    {
        var night = CdnowNight.Value;
        var report = ModelReport.Rows(night.Forecast);
        var holdout = night.Forecast.Forecast.Holdout!;
        foreach (var model in new[] { ModelNames.BgNbd, ModelNames.ParetoNbd })
        {
            var counts = report.Where(r => r.Section == "holdout_counts" && r.Model == model).ToList();
            Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+"], counts.Select(r => r.Name));
            var customers = (model == ModelNames.BgNbd ? holdout.BgNbd : holdout.ParetoNbd).Customers;
            Assert.Equal(customers, counts.Sum(r => r.Actual!.Value));
            Assert.Equal(customers, counts.Sum(r => r.Predicted!.Value), 1e-6);
            var interval = report.Single(r => r.Section == "holdout_interval" && r.Model == model);
            Assert.InRange(interval.Actual!.Value, 0.5, 1);
            Assert.InRange(interval.Predicted!.Value, 0.8, 1);
        }
        var shop = report.Where(r => r.Section == "shop_forecast" && r.Name != "method").ToList();
        Assert.Equal(["purchases_30d", "purchases_90d", "purchases_365d", "revenue_30d", "revenue_90d", "revenue_365d"], shop.Select(r => r.Name));
        Assert.All(shop, r => Assert.True(r.Low < r.Predicted && r.Predicted < r.High));
        // The shop's expected purchases are its customers' expected purchases added up.
        Assert.Equal(night.Forecast.Customers.Sum(c => c.ExpectedPurchases365), shop.Single(r => r.Name == "purchases_365d").Predicted!.Value, 1e-6);
        Assert.Equal(200, report.Single(r => r.Section == "shop_forecast" && r.Name == "method").Value);
        var rows = NightlyDatasets.ModelReport.RowsOf(night);
        Assert.Equal(report.Count, rows.Rows.Count);
    }

    [Fact]
    public void Report_shows_the_shops_forecast_with_its_intervals()
    {
        var night = CdnowNight.Value;
        var html = SnapshotReportPage.Render(night);
        var section = html[html.IndexOf("<section id=\"forecast\"", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("</section>", StringComparison.Ordinal) + 10)];
        Assert.Contains("id=\"forecast-intervals\"", section);
        foreach (var days in new[] { "30 days", "90 days", "365 days" }) Assert.Contains($"<th scope=\"row\">{days}</th>", section);
        var year = night.Forecast.Shop!.Lines.Single(l => l.Measure == "purchases" && l.HorizonDays == 365);
        Assert.Contains($"{year.Low.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} – {year.High.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}", section);
        Assert.Contains("data-forecast-intervals", section);
        Assert.Contains("bought within their own 80 % interval", section);
    }
}
