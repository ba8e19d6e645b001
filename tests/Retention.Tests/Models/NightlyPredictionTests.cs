using System.Globalization;
using Retention.Core.Customers;
using Retention.Core.Metrics;
using Retention.Core.Models;

namespace Retention.Tests.Models;

/// <summary>
/// The night's predictions are kept as columns (per customer the key, z̄ and their triple; per distinct (x, t_x, T) the
/// model's figures) and read field by field or as records: both must be each customer's own figures, computed here from
/// the fitted model customer by customer.
/// </summary>
public sealed class NightlyPredictionTests
{
    /// <summary>
    /// CDNOW's whole history as one shop's night, with a gross margin and a monthly discount rate so that CLV and its
    /// interval go through every factor: for every one of the 2,357 customers, the fields read from the columns, the record
    /// and the enumeration agree, and equal what the model gives that customer's (x, t_x, T, z̄) directly.
    /// </summary>
    [Fact]
    public void Every_customer_s_prediction_read_from_the_columns_is_their_own_from_the_model()
    {
        var n = 0;
        var history = PurchaseHistory.FromPurchases(CdnowSample.HoldoutEnd, CdnowSample.Rows.Select(r =>
            new Purchase(r.CustomerKey, (++n).ToString(CultureInfo.InvariantCulture), r.Day, r.Amount)));
        var night = NightlyForecast.Compute(history, new RetentionSettings(GrossMarginRate: 0.4m, MonthlyDiscountRate: 0.01m));
        var forecast = night.Forecast;
        Assert.True(forecast.IsFitted, forecast.Failure?.Message);
        var model = forecast.PurchaseModel!;
        var spend = forecast.Spend!.Model!;
        var unit = forecast.Options.Unit;
        var month = unit.MonthLength();
        var summaries = CustomerSummary.FromPurchases(history, history.AsOf, unit);
        var intervals = ForecastIntervals.ForCustomers(model, summaries, 12 * month)!;

        var list = night.Customers;
        Assert.Equal(summaries.Count, list.Count);
        var enumerated = list.ToList();
        var cursor = new CustomerKeyCursor<CustomerPrediction>(list, p => p.CustomerKey);
        for (var i = 0; i < list.Count; i++)
        {
            var s = summaries[i];
            var read = list.At(i);
            var record = list[i];
            Assert.Equal(record, read.ToRecord());
            Assert.Equal(record, enumerated[i]);
            Assert.Equal(i, cursor.IndexOf(s.CustomerKey));

            var alive = model.ProbabilityAlive(s.Frequency, s.Recency, s.Age);
            double previous = 0, discounted = 0, factor = 1;
            for (var m = 1; m <= 12; m++)
            {
                var cumulative = model.ExpectedPurchasesIfAlive(s.Frequency, s.Age, m * month);
                factor /= 1.01;
                discounted += (cumulative - previous) * factor;
                previous = cumulative;
            }
            var averageSpend = spend.ExpectedAverageSpend(s.Frequency, s.Monetary);
            var clv = averageSpend * alive * discounted * 0.4;
            var expected = alive * previous;
            var median = model.MedianTimeToNextPurchase(s.Frequency, s.Recency, s.Age);
            DateOnly? next = median is { } t && t * unit.DaysPer() <= 3650 ? history.AsOf.AddDays((int)Math.Ceiling(t * unit.DaysPer())) : null;

            Assert.Equal(s.CustomerKey, record.CustomerKey);
            Assert.Equal(s.CustomerKey, read.CustomerKey);
            Close(alive, record.ProbabilityAlive);
            Assert.Equal(night.Bands.Classify(record.ProbabilityAlive), record.ChurnRisk);
            foreach (var (days, value) in new[] { (30, record.ExpectedPurchases30), (90, record.ExpectedPurchases90), (365, record.ExpectedPurchases365) })
                Close(model.ConditionalExpectedPurchases(s.Frequency, s.Recency, s.Age, days / unit.DaysPer()), value);
            Close(averageSpend, record.ExpectedAverageSpend!.Value);
            Close(clv, record.PredictedClv!.Value);
            Assert.Equal(next, record.NextOrderBy);
            Assert.Equal(intervals.Low[i], record.PurchasesLow);
            Assert.Equal(intervals.High[i], record.PurchasesHigh);
            Close(expected > 0 ? clv * intervals.Low[i] / expected : 0, record.ClvLow!.Value);
            Close(expected > 0 ? clv * intervals.High[i] / expected : 0, record.ClvHigh!.Value);
        }

        var perBand = night.CustomersPerBand();
        foreach (var band in Enum.GetValues<ChurnRisk>()) Assert.Equal(enumerated.Count(c => c.ChurnRisk == band), perBand[band]);
        Assert.Contains(enumerated, c => c.ChurnRisk == ChurnRisk.High);
        Assert.Contains(enumerated, c => c.NextOrderBy is null);
        Assert.Contains(enumerated, c => c.PurchasesHigh > c.PurchasesLow);
    }

    /// <summary>Equal to twelve significant digits: the model's figures here are summed in another order than per triple.</summary>
    private static void Close(double expected, double actual) => Assert.Equal(expected, actual, 1e-12 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void A_night_without_a_forecast_has_no_predictions_to_read()
    {
        var history = PurchaseHistory.FromPurchases(new DateOnly(2024, 3, 1), [new Purchase("c:1", "1", new DateOnly(2024, 2, 1), 10m)]);
        var night = NightlyForecast.Compute(history, RetentionSettings.Default);
        Assert.False(night.Forecast.IsFitted);
        Assert.Empty(night.Customers);
        Assert.Throws<ArgumentOutOfRangeException>(() => night.Customers.At(0));
        Assert.All(night.CustomersPerBand().Values, count => Assert.Equal(0, count));
    }
}
