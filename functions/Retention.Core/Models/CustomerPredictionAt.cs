namespace Retention.Core.Models;

/// <summary>
/// One customer's prediction as its place in the night's columns (<see cref="CustomerPredictionList.At"/>): the fields of
/// <see cref="CustomerPrediction"/>, each computed when read, and no record on the heap.
/// </summary>
public readonly record struct CustomerPredictionAt(CustomerPredictionList List, int Index)
{
    private ref readonly TripleFigures Figures => ref List.FiguresAt(Index);

    public string CustomerKey => List.KeyAt(Index);
    public double ProbabilityAlive => Figures.ProbabilityAlive;
    public ChurnRisk ChurnRisk => List.Bands.Classify(Figures.ProbabilityAlive);
    public double ExpectedPurchases30 => Figures.Days30;
    public double ExpectedPurchases90 => Figures.Days90;
    public double ExpectedPurchases365 => Figures.Days365;
    public double? ExpectedAverageSpend => List.Spend?.ExpectedAverageSpend(Figures.X, List.MonetaryAt(Index));

    /// <summary>Margin × expected spend × (discounted) expected purchases over the horizon; null without the spend model.</summary>
    public double? PredictedClv => ExpectedAverageSpend * Figures.DiscountedPurchases * List.Margin;

    public DateOnly? NextOrderBy => Figures.NextOrderDay < 0 ? null : DateOnly.FromDayNumber(Figures.NextOrderDay);
    public int? PurchasesLow => List.HasIntervals ? Figures.PurchasesLow : null;
    public int? PurchasesHigh => List.HasIntervals ? Figures.PurchasesHigh : null;
    public double? ClvLow => List.HasIntervals ? ClvAt(Figures.PurchasesLow) : null;
    public double? ClvHigh => List.HasIntervals ? ClvAt(Figures.PurchasesHigh) : null;

    /// <summary>
    /// CLV had the customer made <paramref name="purchases"/> purchases at their expected spend: the predicted CLV (margin,
    /// expected spend, the discounting of their expected purchases) scaled by purchases / expected purchases.
    /// </summary>
    private double? ClvAt(int purchases)
    {
        if (PredictedClv is not { } clv) return null;
        var expected = Figures.ExpectedPurchases;
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
