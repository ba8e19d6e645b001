using System.Globalization;
using System.Text;
using Retention.Core.Models;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>
/// The night's forecast (<c>docs/models.md</c>): the model and how it did on the holdout, customers per churn-risk
/// band, and the customers with the most predicted value who are at high risk — or, when the shop has too little data,
/// the reason and nothing invented.
/// </summary>
public static class ForecastSection
{
    /// <summary>The valuable customers at high risk listed by hashed key; beyond these the exports have everyone.</summary>
    public const int ListedAtRisk = 20;

    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var night = snapshot.Forecast;
        var forecast = night.Forecast;
        ReportBlocks.OpenSection(html, "forecast", "Forecast",
            "Each customer's probability of still being a customer, expected purchases and predicted value over the next 12 months, " +
            "from a buy-till-you-die model fitted to this shop's own history and checked on a holdout (docs/models.md).");
        if (!forecast.IsFitted)
        {
            ReportBlocks.NoData(html, "forecast", $"no forecast tonight ({forecast.Failure!.Reason}): {forecast.Failure.Message}. The historic figures above stand alone.");
            ReportBlocks.CloseSection(html);
            return;
        }

        var holdout = forecast.Holdout;
        var parameters = forecast.ModelParameters;
        html.Append("<p data-forecast-model=\"").Append(ReportHtml.Encode(forecast.Model)).Append("\">Model ")
            .Append(ReportHtml.Encode(forecast.Model)).Append(" (")
            .Append(ReportHtml.Encode(string.Join(", ", (parameters ?? []).Select(p => $"{p.Name} {p.Value.ToString("G4", CultureInfo.InvariantCulture)}"))))
            .Append(')');
        if (holdout is not null)
        {
            var report = holdout.ReportOf(forecast.Model) ?? holdout.BgNbd;
            // Invariant like every figure of the report: N0 under the server's culture would print 1.234 in de-DE.
            html.Append(ReportHtml.Encode(string.Create(CultureInfo.InvariantCulture,
                $", chosen on a holdout from {Day(holdout.CalibrationEnd)}: {report.ActualPurchases:N0} repeat purchases happened, {report.PredictedPurchases:N0} were predicted")));
        }
        html.Append(".</p>");
        RenderIntervals(html, night, snapshot.Headline.Currency);

        var perBand = night.CustomersPerBand();
        var bands = Enum.GetValues<ChurnRisk>().Select(b => (Band: b, Customers: perBand[b])).ToList();
        ReportBlocks.Chart(html, BarChartSvg.Render("churn-risk", "Customers per churn-risk band", [new BarSeries("customers", "series-0")],
            [.. bands.Select(b => new BarRow(b.Band.ToString(), b.Band.ToString().ToLowerInvariant() + " risk", [b.Customers], [Count(b.Customers)],
                b.Band == ChurnRisk.High ? "risk" : null))]),
            $"High risk: P(alive) below {night.Bands.HighBelow.ToString("0.##", CultureInfo.InvariantCulture)}; " +
            $"low risk: from {night.Bands.MediumBelow.ToString("0.##", CultureInfo.InvariantCulture)} on.");

        // Read from the prediction columns, without a record per customer (CustomerPredictionList).
        var atRisk = Enumerable.Range(0, night.Customers.Count).Select(night.Customers.At).Where(c => c.ChurnRisk == ChurnRisk.High && c.PredictedClv is > 0)
            .OrderByDescending(c => c.PredictedClv).ThenBy(c => c.CustomerKey, StringComparer.Ordinal).Take(ListedAtRisk).ToList();
        // The net revenue of the customers listed only: a dictionary of every customer was 2,000,000 entries for twenty lines.
        var listed = atRisk.Select(c => c.CustomerKey).ToHashSet(StringComparer.Ordinal);
        var historic = snapshot.Retention.Clv.Customers.Where(c => listed.Contains(c.CustomerKey))
            .ToDictionary(c => c.CustomerKey, c => c.NetRevenue, StringComparer.Ordinal);
        ReportBlocks.Table(html, "forecast-at-risk", $"The {ListedAtRisk} customers at high risk with the most predicted value",
            ["customer (hashed)", "P(alive)", "expected purchases, 12 months", $"predicted CLV ({snapshot.Headline.Currency})", $"net revenue to date ({snapshot.Headline.Currency})"],
            atRisk.Select(c => (IReadOnlyList<string>)
            [
                c.CustomerKey, Percent((decimal)c.ProbabilityAlive), c.ExpectedPurchases365.ToString("N2", CultureInfo.InvariantCulture),
                Money(c.PredictedClv!.Value), historic.TryGetValue(c.CustomerKey, out var revenue) ? Money(revenue) : None,
            ]));
        ReportBlocks.CloseSection(html);
    }

    /// <summary>
    /// How sure the forecast is (<c>docs/models.md</c>): the shop's purchases and revenue over 30, 90 and 365 days with
    /// their 80 % intervals, and how the customers' own 80 % intervals did on the holdout.
    /// </summary>
    private static void RenderIntervals(StringBuilder html, NightlyForecast night, string currency)
    {
        if (night.Shop is not { } shop) return;
        var c = CultureInfo.InvariantCulture;
        string Figure(ShopForecastLine l, double value) => l.Measure == "revenue" ? Money(value) : Count(value);
        ReportBlocks.Table(html, "forecast-intervals", "Purchases and revenue expected from today's customers, with 80 % intervals",
            ["horizon", "repeat purchases expected", "80 % interval", $"revenue expected ({currency})", "80 % interval"],
            ShopForecast.Horizons(shop).Select(h => (IReadOnlyList<string>)
            [
                $"{h.Days.ToString("N0", c)} days",
                h.Purchases is { } p ? Figure(p, p.Predicted) : None,
                h.Purchases is { } pi ? $"{Figure(pi, pi.Low)} – {Figure(pi, pi.High)}" : None,
                h.Revenue is { } r ? Figure(r, r.Predicted) : None,
                h.Revenue is { } ri ? $"{Figure(ri, ri.Low)} – {Figure(ri, ri.High)}" : None,
            ]), open: true);
        var holdout = night.Forecast.Holdout;
        var report = night.Forecast.Model == ModelNames.ParetoNbd ? holdout?.ParetoNbd : holdout?.BgNbd;
        var text = "80 % intervals: " + shop.Note + ".";
        if (report?.Calibration is { } calibration)
            text += string.Create(c, $" On the holdout, {calibration.InsideShare:P1} of the customers bought within their own 80 % interval (the model expected {calibration.ExpectedInside:P1}: counts are whole, so an interval holds at least 80 %).");
        html.Append("<p data-forecast-intervals>").Append(ReportHtml.Encode(text)).Append("</p>");
    }
}
