using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;
using Retention.Pipeline.Reports;
using Retention.Tests.Models;

namespace Retention.Tests.Reports;

/// <summary>The report's forecast section, from CDNOW's sample computed as a night, and from a shop too small to fit.</summary>
public class ForecastSectionTests
{
    private static readonly Shop Shop = new("cdnow-report", "UTC", "USD", DateTimeOffset.UnixEpoch);

    private static NightlyFigures Night(IEnumerable<(string Customer, DateOnly Day, decimal Amount)> rows, DateOnly asOf)
    {
        var orders = rows.Select((r, i) =>
        {
            var at = new DateTimeOffset(r.Day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            return new NormalizedOrder(Shop.Id, $"o{i}", r.Customer, at, at, "USD", r.Amount, OrderStatus.Paid, null, [], false, "generic", $"e{i}");
        });
        return NightlyFigures.Compute(Shop, OrderLedger.Build(Shop, orders), ProductCatalog.Empty, new Dictionary<DateOnly, decimal>(), [], asOf);
    }

    [Fact]
    public void A_fitted_forecast_shows_its_model_bands_and_the_valuable_customers_at_high_risk()
    {
        var night = Night(CdnowSample.Rows.Where(r => r.Day <= CdnowSample.CalibrationEnd), CdnowSample.CalibrationEnd);
        Assert.True(night.Forecast.Forecast.IsFitted);
        var html = SnapshotReportPage.Render(night);

        Assert.Contains($"data-forecast-model=\"{night.Forecast.Forecast.Model}\"", html);
        var section = html[html.IndexOf("<section id=\"forecast\"", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("</section>", StringComparison.Ordinal) + 10)];
        // Independently: high risk (P(alive) < 0.3), positive predicted value, the 20 most valuable.
        var expected = night.Forecast.Customers.Where(c => c.ProbabilityAlive < 0.3 && c.PredictedClv > 0)
            .OrderByDescending(c => c.PredictedClv).ThenBy(c => c.CustomerKey, StringComparer.Ordinal).Take(20).Select(c => c.CustomerKey).ToList();
        Assert.NotEmpty(expected);
        var positions = expected.Select(key => section.IndexOf($">{key}<", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        foreach (var band in new[] { "High", "Medium", "Low" }) Assert.Contains($"data-chart=\"churn-risk\" data-bar=\"{band}\"", section);
    }

    [Fact]
    public void A_shop_too_small_to_fit_says_why_and_shows_no_forecast()
    {
        var day = new DateOnly(2025, 3, 1);
        var html = SnapshotReportPage.Render(Night([("a", day, 10m), ("b", day.AddDays(3), 20m)], day.AddDays(10)));
        var section = html[html.IndexOf("<section id=\"forecast\"", StringComparison.Ordinal)..];
        Assert.Contains("no forecast tonight", section);
        Assert.DoesNotContain("data-forecast-model", section);
    }
}
