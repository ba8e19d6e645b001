using System.Globalization;

namespace Retention.Core.Models;

/// <summary>Which purchase model a forecast uses: the holdout's choice, or one named.</summary>
public enum PurchaseModelChoice
{
    Auto,
    BgNbd,
    ParetoNbd,
    MbgNbd,
}

/// <summary>
/// The settings of a forecast (<c>docs/models.md</c>, "The entry point").
/// </summary>
/// <param name="HorizonMonths">Months ahead for expected purchases and CLV (default 12).</param>
/// <param name="MonthlyDiscountRate">CLV's monthly discount rate d (default 0: undiscounted).</param>
/// <param name="Margin">CLV is margin × spend (default 1: revenue); a shop's gross margin rate, e.g. 0.35.</param>
/// <param name="HoldoutDays">Length of the holdout for <see cref="PurchaseModelChoice.Auto"/>; default a third of the history, 28 to 365 days.</param>
public sealed record ForecastOptions(ModelTimeUnit Unit = ModelTimeUnit.Week, int HorizonMonths = 12, double MonthlyDiscountRate = 0,
    double Margin = 1, PurchaseModelChoice Model = PurchaseModelChoice.Auto, int? HoldoutDays = null, ChurnRiskBands? Bands = null,
    FitRequirements? Requirements = null)
{
    public static ForecastOptions Default { get; } = new();
}

/// <summary>One customer's forecast at the as-of day.</summary>
/// <param name="ExpectedPurchases">Repeat purchase days expected over the horizon.</param>
/// <param name="ExpectedAverageSpend">Gamma-Gamma's expected spend per purchase; null when the spend model is not fitted.</param>
/// <param name="Clv">Margin × expected spend × (discounted) expected purchases over the horizon; null without the spend model.</param>
/// <param name="NextOrderBy">The median date of the next order (BG/NBD, MBG/NBD), null when the customer is more likely never to buy again.</param>
public sealed record CustomerForecast(string CustomerKey, int Frequency, double Recency, double Age, double ProbabilityAlive, ChurnRisk ChurnRisk,
    double ExpectedPurchases, double? ExpectedAverageSpend, double? Clv, DateOnly? NextOrderBy);

/// <summary>
/// Predicted CLV and churn risk for every customer of a shop, in one call: summarize, validate the purchase models
/// (BG/NBD, Pareto/NBD, MBG/NBD) on a holdout and pick one, refit it on the whole history, fit Gamma-Gamma, predict. Either a forecast per customer
/// with the fits and the holdout report, or <see cref="Failure"/> saying why there is none.
/// </summary>
public sealed record CustomerLifetimeForecast(DateOnly AsOf, ForecastOptions Options, string? Model, ModelFit<BgNbdModel>? BgNbd,
    ModelFit<ParetoNbdModel>? ParetoNbd, ModelFit<MbgNbdModel>? MbgNbd, ModelFit<GammaGammaModel>? Spend, HoldoutComparison? Holdout, string? HoldoutNote,
    FitFailure? Failure, IReadOnlyList<CustomerForecast> Customers)
{
    public bool IsFitted => Failure is null;

    /// <summary>The fitted purchase model the forecast used (<see cref="Model"/>), or null.</summary>
    public IPurchaseModel? PurchaseModel => Model switch
    {
        ModelNames.ParetoNbd => ParetoNbd?.Model,
        ModelNames.MbgNbd => MbgNbd?.Model,
        ModelNames.BgNbd => BgNbd?.Model,
        _ => null,
    };

    /// <summary>The estimates of the purchase model the forecast used, or null.</summary>
    public IReadOnlyList<ModelParameter>? ModelParameters => Model switch
    {
        ModelNames.ParetoNbd => ParetoNbd?.Parameters,
        ModelNames.MbgNbd => MbgNbd?.Parameters,
        ModelNames.BgNbd => BgNbd?.Parameters,
        _ => null,
    };

    /// <summary>The forecast of a purchase history, from its columns (no row per purchase is made).</summary>
    public static CustomerLifetimeForecast Compute(Metrics.PurchaseHistory history, ForecastOptions? options = null) =>
        Compute(history, CustomerSummary.FromPurchases(history, history.AsOf, (options ?? ForecastOptions.Default).Unit), options);

    /// <param name="summaries">the history's customers at its as-of day, already made (the nightly forecast reuses them).</param>
    internal static CustomerLifetimeForecast Compute(Metrics.PurchaseHistory history, CustomerSummaries summaries, ForecastOptions? options)
    {
        var unit = (options ?? ForecastOptions.Default).Unit;
        return Compute(summaries, calibrationEnd => HoldoutValidation.Split(history, calibrationEnd, history.AsOf, unit), history.AsOf, options);
    }

    public static CustomerLifetimeForecast Compute(IReadOnlyCollection<(string CustomerKey, DateOnly Day, decimal Amount)> rows, DateOnly asOf,
        ForecastOptions? options = null)
    {
        var unit = (options ?? ForecastOptions.Default).Unit;
        return Compute(CustomerSummary.FromPurchases(rows, asOf, unit), calibrationEnd => HoldoutValidation.Split(rows, calibrationEnd, asOf, unit),
            asOf, options);
    }

    /// <param name="summaries">every customer at <paramref name="asOf"/>, in <see cref="ForecastOptions.Unit"/>.</param>
    /// <param name="split">the same purchases cut at a calibration end, with the holdout to <paramref name="asOf"/>.</param>
    internal static CustomerLifetimeForecast Compute(CustomerSummaries summaries, Func<DateOnly, HoldoutSplit> split, DateOnly asOf,
        ForecastOptions? options = null)
    {
        options ??= ForecastOptions.Default;
        var bands = (options.Bands ?? ChurnRiskBands.Default).Validated();
        if (!(options.Margin >= 0)) throw new ArgumentOutOfRangeException(nameof(options), "the margin must be >= 0");
        var requirements = options.Requirements ?? FitRequirements.Default;

        // 1. Which model: the holdout's choice, when there is history enough to hold some out.
        HoldoutComparison? holdout = null;
        string? note = null;
        var choice = options.Model;
        if (choice == PurchaseModelChoice.Auto)
        {
            var first = summaries.Count == 0 ? asOf : asOf.AddDays(-(int)Math.Round(summaries.LongestAge * options.Unit.DaysPer()));
            var days = options.HoldoutDays ?? Math.Clamp((asOf.DayNumber - first.DayNumber) / 3, 28, 365);
            var calibrationEnd = asOf.AddDays(-days);
            if (calibrationEnd <= first)
                note = "no holdout: the history is shorter than the holdout";
            else
            {
                holdout = HoldoutValidation.Compare(split(calibrationEnd), requirements);
                if (holdout.Chosen is null) note = "no holdout choice: no model could be fitted on the calibration period (" + holdout.BgNbd.Failure?.Message + ")";
            }
            choice = holdout?.Chosen switch
            {
                ModelNames.ParetoNbd => PurchaseModelChoice.ParetoNbd,
                ModelNames.MbgNbd => PurchaseModelChoice.MbgNbd,
                _ => PurchaseModelChoice.BgNbd,
            };
            if (note is not null) note += "; BG/NBD used";
        }

        // 2. The chosen model on the whole history; with Auto, another one if it fails (BG/NBD for Pareto/NBD and MBG/NBD, Pareto/NBD for BG/NBD).
        ModelFit<BgNbdModel>? bg = null;
        ModelFit<ParetoNbdModel>? pareto = null;
        ModelFit<MbgNbdModel>? mbg = null;
        IPurchaseModel? model;
        if (choice == PurchaseModelChoice.ParetoNbd)
        {
            pareto = ParetoNbdFitter.Fit(summaries, requirements);
            model = pareto.Model;
            if (model is null && options.Model == PurchaseModelChoice.Auto) model = (bg = BgNbdFitter.Fit(summaries, requirements)).Model;
        }
        else if (choice == PurchaseModelChoice.MbgNbd)
        {
            mbg = MbgNbdFitter.Fit(summaries, requirements);
            model = mbg.Model;
            if (model is null && options.Model == PurchaseModelChoice.Auto) model = (bg = BgNbdFitter.Fit(summaries, requirements)).Model;
        }
        else
        {
            bg = BgNbdFitter.Fit(summaries, requirements);
            model = bg.Model;
            if (model is null && options.Model == PurchaseModelChoice.Auto && bg.Failure!.Reason is NotFittedReason.NoConvergence or NotFittedReason.DegenerateEstimate)
                model = (pareto = ParetoNbdFitter.Fit(summaries, requirements)).Model;
        }
        var spend = GammaGammaFitter.Fit(summaries, requirements);
        if (model is null)
        {
            var failure = (bg?.Failure ?? pareto?.Failure ?? mbg!.Failure)!;
            return new CustomerLifetimeForecast(asOf, options, null, bg, pareto, mbg, spend, holdout, note, failure, []);
        }

        // 3. Every customer.
        var predictions = TriplePredictions.Of(model, summaries.Compress(), options.HorizonMonths, options.MonthlyDiscountRate);
        var customers = new CustomerForecastList(summaries.Keys, summaries.Monetary, predictions, spend.Model, bands, options.Margin, options.Unit.DaysPer(), asOf);
        return new CustomerLifetimeForecast(asOf, options, model.Name, bg, pareto, mbg, spend, holdout, note, null, customers);
    }

    /// <summary>A one-line account of the forecast, for logs.</summary>
    public override string ToString() => IsFitted
        ? string.Create(CultureInfo.InvariantCulture, $"{Model} forecast of {Customers.Count:N0} customers as of {AsOf:yyyy-MM-dd}")
        : $"no forecast as of {AsOf:yyyy-MM-dd}: {Failure!.Reason}: {Failure.Message}";
}
