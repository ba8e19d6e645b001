namespace Retention.Core.Models;

/// <summary>
/// Every customer's <see cref="CustomerForecast"/>, each made when it is read from the columns it comes from (the
/// summaries, the model's predictions, the spend model): a forecast of 2,000,000 customers is those columns, not
/// 2,000,000 records of about 100 bytes kept while the night makes its own record per customer from them
/// (bench night-child, 10,000,000 orders: the forecast's step set the compute's peak).
/// </summary>
/// <param name="daysPerUnit">days in the forecast's time unit, for the date of the next order.</param>
internal sealed class CustomerForecastList(CustomerSummaries summaries, PurchasePredictions predictions, GammaGammaModel? spend, ChurnRiskBands bands,
    double margin, double daysPerUnit, DateOnly asOf) : IReadOnlyList<CustomerForecast>
{
    public int Count => summaries.Count;

    public CustomerForecast this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var x = summaries.Frequency[index];
            var alive = predictions.ProbabilityAlive[index];
            var averageSpend = spend?.ExpectedAverageSpend(x, summaries.Monetary[index]);
            var median = predictions.MedianTimeToNextPurchase[index];
            return new CustomerForecast(summaries.KeyOf(index), x, summaries.Recency[index], summaries.Age[index], alive, bands.Classify(alive),
                predictions.ExpectedPurchases[index], averageSpend, averageSpend * predictions.DiscountedPurchases[index] * margin,
                double.IsNaN(median) || median * daysPerUnit > 3650 ? null : asOf.AddDays((int)Math.Ceiling(median * daysPerUnit)));
        }
    }

    public IEnumerator<CustomerForecast> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
