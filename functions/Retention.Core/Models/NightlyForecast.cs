using Retention.Core.Metrics;

namespace Retention.Core.Models;

/// <summary>One customer's predictions as the nightly snapshot publishes them.</summary>
/// <param name="ExpectedPurchases30">Expected repeat purchase days in the next 30 days (likewise 90 and 365).</param>
/// <param name="PredictedClv">Margin × expected spend over the forecast horizon (12 months); null without the spend model.</param>
public sealed record CustomerPrediction(string CustomerKey, double ProbabilityAlive, ChurnRisk ChurnRisk, double ExpectedPurchases30,
    double ExpectedPurchases90, double ExpectedPurchases365, double? ExpectedAverageSpend, double? PredictedClv, DateOnly? NextOrderBy);

/// <summary>
/// The night's forecast of one shop (<c>docs/models.md</c>, "In the nightly snapshot"): the forecast entry point with the
/// shop's settings — a holdout of the last quarter of the observed period by default (28 to 365 days), CLV on the shop's
/// gross margin when it has one, discounted at its monthly rate when it sets one — plus what the snapshot reports beyond it: BG/NBD's estimates on the whole history even when
/// the holdout chose Pareto/NBD or MBG/NBD (the published reference figures are BG/NBD's), and expected purchases over 30, 90
/// and 365 days. A shop with too little data gets <see cref="Forecast"/> not fitted, with its reason, and no predictions.
/// </summary>
public sealed record NightlyForecast(CustomerLifetimeForecast Forecast, ModelFit<BgNbdModel>? BgNbd, IReadOnlyList<CustomerPrediction> Customers)
{
    public static NightlyForecast Compute(PurchaseHistory history, RetentionSettings settings)
    {
        var rows = history.Purchases.Select(p => (p.CustomerKey, p.Day, p.NetAmount)).ToList();
        var first = rows.Count == 0 ? history.AsOf : rows.Min(r => r.Day);
        settings.Validated();
        var share = (double)(settings.HoldoutShare ?? RetentionSettings.DefaultHoldoutShare);
        var holdoutDays = Math.Clamp((int)((history.AsOf.DayNumber - first.DayNumber) * share), 28, 365);
        var options = new ForecastOptions(Margin: (double)(settings.GrossMarginRate ?? 1m), HoldoutDays: holdoutDays,
            MonthlyDiscountRate: (double)(settings.MonthlyDiscountRate ?? 0m));
        var forecast = CustomerLifetimeForecast.Compute(rows, history.AsOf, options);

        var bgNbd = forecast.BgNbd;
        if (bgNbd is null && rows.Count > 0)
            bgNbd = BgNbdFitter.Fit(CustomerSummary.FromPurchases(rows, history.AsOf, options.Unit), options.Requirements ?? FitRequirements.Default);

        var model = forecast.PurchaseModel;
        if (!forecast.IsFitted || model is null) return new NightlyForecast(forecast, bgNbd, []);
        var perDay = 1 / options.Unit.DaysPer();
        return new NightlyForecast(forecast, bgNbd, [.. forecast.Customers.Select(c => new CustomerPrediction(
            c.CustomerKey, c.ProbabilityAlive, c.ChurnRisk,
            model.ConditionalExpectedPurchases(c.Frequency, c.Recency, c.Age, 30 * perDay),
            model.ConditionalExpectedPurchases(c.Frequency, c.Recency, c.Age, 90 * perDay),
            model.ConditionalExpectedPurchases(c.Frequency, c.Recency, c.Age, 365 * perDay),
            c.ExpectedAverageSpend, c.Clv, c.NextOrderBy))]);
    }

    public ChurnRiskBands Bands => Forecast.Options.Bands ?? ChurnRiskBands.Default;
}
