using System.Globalization;

namespace Retention.Core.Models;

/// <summary>
/// One line of the night's model report, in a long format every store can hold (<c>docs/models.md</c>, "In the nightly
/// snapshot"). <see cref="Section"/> says what the line is: <c>forecast</c> (the chosen model, its status and reason,
/// the settings), <c>fit</c> (per model: log-likelihood, convergence, customers), <c>parameter</c> (estimate and
/// standard error), <c>holdout</c> (per model and group of calibration purchases: customers, actual and predicted mean;
/// <c>total</c>: actual and predicted purchases, RMSE as value), <c>holdout_counts</c> (per model and number of holdout
/// purchases 0 … 7+: actual and predicted customers), <c>holdout_interval</c> (per model: the share of customers inside
/// their 80 % interval, actual and as the model expects), <c>shop_forecast</c> (purchases and revenue over 30, 90, 365
/// days: predicted with the 80 % interval's <see cref="Low"/> and <see cref="High"/>), <c>churn_risk</c> (customers per
/// band). Its numbers are finite or null: NaN and infinities mean "no value" to every store and BI tool, and are turned
/// into null here, once.
/// </summary>
public sealed record ModelReportRow(string Section, string Model, string Name, double? Value = null, double? StandardError = null,
    int? Customers = null, double? Actual = null, double? Predicted = null, string? Text = null, double? Low = null, double? High = null)
{
    public double? Value { get; } = Finite(Value);
    public double? StandardError { get; } = Finite(StandardError);
    public double? Actual { get; } = Finite(Actual);
    public double? Predicted { get; } = Finite(Predicted);
    public double? Low { get; } = Finite(Low);
    public double? High { get; } = Finite(High);

    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

public static class ModelReport
{
    public static IReadOnlyList<ModelReportRow> Rows(NightlyForecast night)
    {
        var forecast = night.Forecast;
        var rows = new List<ModelReportRow>
        {
            new("forecast", "", "model", Text: forecast.Model),
            new("forecast", "", "status", Text: forecast.IsFitted ? "fitted" : forecast.Failure!.Reason.ToString()),
            new("forecast", "", "horizon_months", Value: forecast.Options.HorizonMonths),
            new("forecast", "", "time_unit", Text: forecast.Options.Unit.ToString()),
            new("forecast", "", "churn_risk_high_below", Value: night.Bands.HighBelow),
            new("forecast", "", "churn_risk_medium_below", Value: night.Bands.MediumBelow),
        };
        if (forecast.Failure is { } failure) rows.Add(new("forecast", "", "reason", Text: failure.Message));
        if (forecast.HoldoutNote is { } note) rows.Add(new("forecast", "", "note", Text: note));

        AddFit(rows, night.BgNbd);
        AddFit(rows, forecast.ParetoNbd);
        AddFit(rows, forecast.MbgNbd);
        AddFit(rows, forecast.Spend);

        if (forecast.Holdout is { } holdout)
        {
            rows.Add(new("holdout", "", "calibration_end", Text: holdout.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            rows.Add(new("holdout", "", "chosen", Text: holdout.Chosen));
            foreach (var report in holdout.Reports)
            {
                rows.Add(new("holdout", report.Model, "total", Value: report.RootMeanSquaredError, Customers: report.Customers,
                    Actual: report.ActualPurchases, Predicted: report.Fitted ? report.PredictedPurchases : null, Text: report.Failure?.Message));
                rows.AddRange(report.ByCalibrationPurchases.Select(g =>
                    new ModelReportRow("holdout", report.Model, g.Label, Customers: g.Customers, Actual: g.ActualMean, Predicted: g.PredictedMean)));
            }
            foreach (var report in new[] { holdout.BgNbd, holdout.ParetoNbd })
            {
                if (report.Calibration is not { } calibration) continue;
                rows.AddRange(calibration.Counts.Select(c => new ModelReportRow("holdout_counts", report.Model, c.Label, Actual: c.Actual, Predicted: c.Predicted)));
                rows.Add(new("holdout_interval", report.Model, "inside_80", Customers: calibration.Customers, Actual: calibration.InsideShare,
                    Predicted: calibration.ExpectedInside));
            }
        }

        if (night.Shop is { } shop)
        {
            rows.Add(new("shop_forecast", shop.Model, "method", Value: shop.Draws, Text: shop.Note));
            rows.AddRange(shop.Lines.Select(l => new ModelReportRow("shop_forecast", shop.Model, $"{l.Measure}_{l.HorizonDays}d", Value: l.HorizonDays,
                Predicted: l.Predicted, Low: l.Low, High: l.High)));
        }

        var perBand = night.CustomersPerBand();
        foreach (var band in Enum.GetValues<ChurnRisk>())
            rows.Add(new("churn_risk", forecast.Model ?? "", band.ToString().ToLowerInvariant(), Customers: perBand[band]));
        return rows;
    }

    private static void AddFit<T>(List<ModelReportRow> rows, ModelFit<T>? fit) where T : class
    {
        if (fit is null) return;
        rows.Add(new("fit", fit.ModelName, "log_likelihood", Value: fit.LogLikelihood, Customers: fit.Customers,
            Text: fit.IsFitted ? (fit.Convergence?.Converged == true ? "converged" : "fitted") : $"{fit.Failure!.Reason}: {fit.Failure.Message}"));
        rows.AddRange(fit.Parameters.Select(p => new ModelReportRow("parameter", fit.ModelName, p.Name, Value: p.Value, StandardError: p.StandardError)));
    }
}
