namespace Retention.Core.Models;

/// <summary>
/// Every customer's <see cref="CustomerForecast"/>, each made when it is read from the columns it comes from: per
/// customer only the key, z̄ (for the spend model) and their triple; per distinct (x, t_x, T) triple the model's
/// predictions (<see cref="TriplePredictions"/>). A forecast of 2,000,000 customers is those columns, not 2,000,000
/// records of about 100 bytes, nor a summary and four predictions a customer kept while the night makes its own record
/// per customer from them (bench night-child, 10,000,000 orders: the forecast's step set the compute's peak). The
/// night's predictions keep the same columns (<see cref="CustomerPredictionList"/>).
/// </summary>
/// <param name="keys">the summaries' keys (<see cref="CustomerSummaries.Keys"/>).</param>
/// <param name="monetary">the summaries' z̄ per customer.</param>
/// <param name="daysPerUnit">days in the forecast's time unit, for the date of the next order.</param>
internal sealed class CustomerForecastList(string[]? keys, double[] monetary, TriplePredictions predictions, GammaGammaModel? spend, ChurnRiskBands bands,
    double margin, double daysPerUnit, DateOnly asOf) : IReadOnlyList<CustomerForecast>
{
    private readonly int[] _tripleOf = predictions.Triples.TripleOfCustomer;

    public int Count => _tripleOf.Length;

    /// <summary>The index of customer <paramref name="index"/>'s (x, t_x, T) triple, for figures made per triple.</summary>
    public int TripleOf(int index) => _tripleOf[index];

    public string KeyAt(int index) => CustomerSummaries.KeyOf(keys, index);

    public double ProbabilityAliveAt(int index) => predictions.ProbabilityAlive[_tripleOf[index]];

    public ChurnRisk ChurnRiskAt(int index) => bands.Classify(ProbabilityAliveAt(index));

    public double ExpectedPurchasesAt(int index) => predictions.ExpectedPurchases[_tripleOf[index]];

    public double? ExpectedAverageSpendAt(int index) => spend?.ExpectedAverageSpend(predictions.Triples.X[_tripleOf[index]], monetary[index]);

    /// <summary>Margin × expected spend × (discounted) expected purchases; null without the spend model.</summary>
    public double? ClvAt(int index) => ExpectedAverageSpendAt(index) * predictions.DiscountedPurchases[_tripleOf[index]] * margin;

    public DateOnly? NextOrderByAt(int index) => NextOrderByOfTriple(_tripleOf[index]);

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
            return new CustomerForecast(KeyAt(index), triples.X[k], triples.Tx[k], triples.T[k], ProbabilityAliveAt(index), ChurnRiskAt(index),
                ExpectedPurchasesAt(index), ExpectedAverageSpendAt(index), ClvAt(index), NextOrderByAt(index));
        }
    }

    public IEnumerator<CustomerForecast> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
