namespace Retention.Core.Models;

/// <summary>
/// One customer's prediction as its place in the night's columns (<see cref="CustomerPredictionList.At"/>): the fields of
/// <see cref="CustomerPrediction"/>, each computed when read, and no record on the heap.
/// </summary>
public readonly record struct CustomerPredictionAt(CustomerPredictionList List, int Index)
{
    private CustomerForecastList Forecasts => List.Forecasts;
    private int Triple => Forecasts.TripleOf(Index);

    public string CustomerKey => Forecasts.KeyAt(Index);
    public double ProbabilityAlive => Forecasts.ProbabilityAliveAt(Index);
    public ChurnRisk ChurnRisk => Forecasts.ChurnRiskAt(Index);
    public double ExpectedPurchases30 => List.ExpectedOfTriple(Triple).Days30;
    public double ExpectedPurchases90 => List.ExpectedOfTriple(Triple).Days90;
    public double ExpectedPurchases365 => List.ExpectedOfTriple(Triple).Days365;
    public double? ExpectedAverageSpend => Forecasts.ExpectedAverageSpendAt(Index);
    public double? PredictedClv => Forecasts.ClvAt(Index);
    public DateOnly? NextOrderBy => Forecasts.NextOrderByAt(Index);
    public int? PurchasesLow => List.IntervalOfTriple(Triple)?.Low;
    public int? PurchasesHigh => List.IntervalOfTriple(Triple)?.High;
    public double? ClvLow => PurchasesLow is { } low ? ClvAt(low) : null;
    public double? ClvHigh => PurchasesHigh is { } high ? ClvAt(high) : null;

    /// <summary>
    /// CLV had the customer made <paramref name="purchases"/> purchases at their expected spend: the predicted CLV (margin,
    /// expected spend, the discounting of their expected purchases) scaled by purchases / expected purchases.
    /// </summary>
    private double? ClvAt(int purchases)
    {
        if (PredictedClv is not { } clv) return null;
        var expected = Forecasts.ExpectedPurchasesAt(Index);
        return expected > 0 ? clv * purchases / expected : 0;
    }

    public CustomerPrediction ToRecord() =>
        new(CustomerKey, ProbabilityAlive, ChurnRisk, ExpectedPurchases30, ExpectedPurchases90, ExpectedPurchases365, ExpectedAverageSpend, PredictedClv,
            NextOrderBy)
        {
            PurchasesLow = PurchasesLow,
            PurchasesHigh = PurchasesHigh,
            ClvLow = ClvLow,
            ClvHigh = ClvHigh,
        };
}
