using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Tests.Reports;

namespace Retention.Tests.Models;

/// <summary>
/// A shop whose customers hardly ever churn (the report tests' seeded shop, its holdout calibration): the Pareto/NBD's
/// likelihood climbs a ridge to r, α → ∞ with r/α fixed. The fit must say so from its BFGS starts, not wander: in CI it
/// once took four minutes per night (Nelder-Mead's 5,000 iterations from each start after a gradient that was noise).
/// </summary>
public class RidgeFitTests
{
    [Fact]
    public void A_pareto_nbd_on_a_ridge_is_degenerate_from_every_start_without_nelder_mead()
    {
        var history = PurchaseHistory.Of(ReportTestShop.Shop("ridge"), ReportTestShop.AsOf, ReportTestShop.Orders("ridge"));
        var split = HoldoutValidation.Split(history.Purchases.Select(p => (p.CustomerKey, p.Day, p.NetAmount)),
            ReportTestShop.AsOf.AddDays(-137), ReportTestShop.AsOf);

        var fit = ParetoNbdFitter.Fit(split.Calibration);

        Assert.Null(fit.Model);
        Assert.Equal(NotFittedReason.DegenerateEstimate, fit.Failure!.Reason);
        Assert.DoesNotContain("Nelder-Mead", fit.Convergence!.Detail, StringComparison.Ordinal);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(fit.Convergence.Detail, "runs off to 0 or infinity"));
    }

    [Fact]
    public void The_ridge_shops_night_has_finite_intervals_for_every_horizon()
    {
        var history = PurchaseHistory.Of(ReportTestShop.Shop("ridge"), ReportTestShop.AsOf, ReportTestShop.Orders("ridge"));

        var night = NightlyForecast.Compute(history, ReportTestShop.Settings);

        Assert.True(night.Forecast.IsFitted);
        var shop = night.Shop!;
        Assert.True(shop.Draws > 0, shop.Note);
        Assert.Equal(6, shop.Lines.Count);
        Assert.All(shop.Lines, l =>
        {
            Assert.True(double.IsFinite(l.Low) && double.IsFinite(l.High), l.ToString());
            Assert.InRange(l.Predicted, l.Low, l.High);
        });
    }
}
