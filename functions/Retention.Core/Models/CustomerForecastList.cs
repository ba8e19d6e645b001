namespace Retention.Core.Models;

/// <summary>
/// Every customer's <see cref="CustomerForecast"/>, each made when it is read from the columns it comes from: per
/// customer only the key, z̄ (for the spend model) and their triple; per distinct (x, t_x, T) triple the model's
/// predictions (<see cref="TriplePredictions"/>). A forecast of 2,000,000 customers is those columns, not 2,000,000
/// records of about 100 bytes, nor a summary and four predictions a customer kept while the night makes its own record
/// per customer from them (bench night-child, 10,000,000 orders: the forecast's step set the compute's peak). The
/// night's predictions keep the same per-customer columns (<see cref="CustomerPredictionList"/>).
/// </summary>
/// <param name="keys">the summaries' keys (<see cref="CustomerSummaries.Keys"/>).</param>
/// <param name="monetary">the summaries' z̄ per customer.</param>
/// <param name="daysPerUnit">days in the forecast's time unit, for the date of the next order.</param>
internal sealed class CustomerForecastList(string[]? keys, double[] monetary, TriplePredictions predictions, GammaGammaModel? spend, ChurnRiskBands bands,
    double margin, double daysPerUnit, DateOnly asOf) : IReadOnlyList<CustomerForecast>
{
    private readonly int[] _tripleOf = predictions.Triples.TripleOfCustomer;

    public int Count => _tripleOf.Length;

    /// <summary>The median date of the next order of triple <paramref name="triple"/>'s customers; null beyond ten years or never.</summary>
    public DateOnly? NextOrderByOfTriple(int triple)
    {
        var median = predictions.MedianTimeToNextPurchase[triple];
        return double.IsNaN(median) || median * daysPerUnit > 3650 ? null : asOf.AddDays((int)Math.Ceiling(median * daysPerUnit));
    }

    /// <summary>What the night's predictions keep of the forecast (<see cref="CustomerPredictionList"/>).</summary>
    public (string[]? Keys, double[] Monetary, TriplePredictions Predictions, GammaGammaModel? Spend, ChurnRiskBands Bands, double Margin) Columns =>
        (keys, monetary, predictions, spend, bands, margin);

    public CustomerForecast this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var k = _tripleOf[index];
            var triples = predictions.Triples;
            var x = triples.X[k];
            var alive = predictions.ProbabilityAlive[k];
            var averageSpend = spend?.ExpectedAverageSpend(x, monetary[index]);
            return new CustomerForecast(CustomerSummaries.KeyOf(keys, index), x, triples.Tx[k], triples.T[k], alive, bands.Classify(alive),
                predictions.ExpectedPurchases[k], averageSpend, averageSpend * predictions.DiscountedPurchases[k] * margin, NextOrderByOfTriple(k));
        }
    }

    public IEnumerator<CustomerForecast> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
