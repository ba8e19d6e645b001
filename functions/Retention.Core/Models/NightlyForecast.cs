using Retention.Core.Metrics;

namespace Retention.Core.Models;

/// <summary>One customer's predictions as the nightly snapshot publishes them.</summary>
/// <param name="ExpectedPurchases30">Expected repeat purchase days in the next 30 days (likewise 90 and 365).</param>
/// <param name="PredictedClv">Margin × expected spend over the forecast horizon (12 months); null without the spend model.</param>
public sealed record CustomerPrediction(string CustomerKey, double ProbabilityAlive, ChurnRisk ChurnRisk, double ExpectedPurchases30,
    double ExpectedPurchases90, double ExpectedPurchases365, double? ExpectedAverageSpend, double? PredictedClv, DateOnly? NextOrderBy)
{
    /// <summary>The 10th percentile of repeat purchases over the forecast horizon (12 months); null without a predictive distribution.</summary>
    public int? PurchasesLow { get; init; }

    /// <summary>The 90th percentile of repeat purchases over the forecast horizon.</summary>
    public int? PurchasesHigh { get; init; }

    /// <summary>CLV at <see cref="PurchasesLow"/> purchases of the expected spend: <see cref="PredictedClv"/> × low / expected purchases.</summary>
    public double? ClvLow { get; init; }

    /// <summary>CLV at <see cref="PurchasesHigh"/> purchases of the expected spend.</summary>
    public double? ClvHigh { get; init; }
}

/// <summary>
/// The night's forecast of one shop (<c>docs/models.md</c>, "In the nightly snapshot"): the forecast entry point with the
/// shop's settings — a holdout of the last quarter of the observed period by default (28 to 365 days), CLV on the shop's
/// gross margin when it has one, discounted at its monthly rate when it sets one — plus what the snapshot reports beyond it: BG/NBD's estimates on the whole history even when
/// the holdout chose Pareto/NBD or MBG/NBD (the published reference figures are BG/NBD's), and expected purchases over 30, 90
/// and 365 days. A shop with too little data gets <see cref="Forecast"/> not fitted, with its reason, and no predictions.
/// The per-customer figures are <see cref="Customers"/>: <see cref="Forecast"/> keeps the fits, the holdout and the
/// choice, not its own list of customers.
/// </summary>
public sealed record NightlyForecast(CustomerLifetimeForecast Forecast, ModelFit<BgNbdModel>? BgNbd, CustomerPredictionList Customers)
{
    public static NightlyForecast Compute(PurchaseHistory history, RetentionSettings settings)
    {
        // From the history's columns: a row per purchase (a tuple list, and the history's Purchase records behind it) was
        // the largest allocation of the night's forecast (bench nightly, 4,000,000 orders: 10 % of the compute's time).
        var first = DateOnly.FromDayNumber(history.Table.FirstDay);
        settings.Validated();
        var share = (double)(settings.HoldoutShare ?? RetentionSettings.DefaultHoldoutShare);
        var holdoutDays = Math.Clamp((int)((history.AsOf.DayNumber - first.DayNumber) * share), 28, 365);
        var options = new ForecastOptions(Margin: (double)(settings.GrossMarginRate ?? 1m), HoldoutDays: holdoutDays,
            MonthlyDiscountRate: (double)(settings.MonthlyDiscountRate ?? 0m));
        var summaries = CustomerSummary.FromPurchases(history, history.AsOf, options.Unit);
        var forecast = CustomerLifetimeForecast.Compute(history, summaries, options);

        var bgNbd = forecast.BgNbd;
        if (bgNbd is null && summaries.Count > 0) bgNbd = BgNbdFitter.Fit(summaries, options.Requirements ?? FitRequirements.Default);

        var model = forecast.PurchaseModel;
        if (!forecast.IsFitted || model is null) return new NightlyForecast(forecast, bgNbd, CustomerPredictionList.Empty);
        var perDay = 1 / options.Unit.DaysPer();
        var fit = forecast.Model switch
        {
            ModelNames.ParetoNbd => forecast.ParetoNbd?.LogParameterCovariance,
            ModelNames.MbgNbd => forecast.MbgNbd?.LogParameterCovariance,
            _ => forecast.BgNbd?.LogParameterCovariance,
        };
        // How sure: the shop's totals, and each customer's 80 % interval over the forecast horizon (ForecastIntervals).
        var shop = ForecastIntervals.ForShop(model, fit, forecast.Spend?.Model, forecast.Spend?.LogParameterCovariance, summaries);
        // Expected purchases and the intervals once per distinct (x, t_x, T), not per customer: a customer's are their triple's.
        var triples = summaries.Compress();
        var intervals = ForecastIntervals.ForTriples(model, triples, options.HorizonMonths * options.Unit.MonthLength());
        // On the machine's cores, each triple written once to its own place (the same figures as one core's).
        var expected = new (double Days30, double Days90, double Days365)[triples.Count];
        new FixedBlocks(triples.Count, 16_384).Each(k =>
            expected[k] = (model.ConditionalExpectedPurchases(triples.X[k], triples.Tx[k], triples.T[k], 30 * perDay),
                model.ConditionalExpectedPurchases(triples.X[k], triples.Tx[k], triples.T[k], 90 * perDay),
                model.ConditionalExpectedPurchases(triples.X[k], triples.Tx[k], triples.T[k], 365 * perDay)));
        // A fitted forecast's customers are always the columns of CustomerForecastList (CustomerLifetimeForecast.Compute).
        var forecasts = (CustomerForecastList)forecast.Customers;
        // The per-customer forecasts live on in the predictions' columns, not in the forecast as well.
        return new NightlyForecast(forecast with { Customers = [] }, bgNbd, CustomerPredictionList.Of(forecasts, expected, intervals)) { Shop = shop };
    }

    /// <summary>The shop's purchases and revenue over 30, 90 and 365 days with 80 % intervals; null without a fitted model.</summary>
    public ShopForecast? Shop { get; init; }

    public ChurnRiskBands Bands => Forecast.Options.Bands ?? ChurnRiskBands.Default;

    /// <summary>
    /// Customers per churn-risk band, every band (0 when none), in one pass over <see cref="Customers"/> that makes no
    /// records (<see cref="CustomerPredictionList"/>).
    /// </summary>
    public IReadOnlyDictionary<ChurnRisk, int> CustomersPerBand()
    {
        var counts = Enum.GetValues<ChurnRisk>().ToDictionary(b => b, _ => 0);
        for (var i = 0; i < Customers.Count; i++) counts[Customers.At(i).ChurnRisk]++;
        return counts;
    }
}
