namespace Retention.Core.Models;

/// <summary>
/// Every customer's predictions from one purchase model, as columns in the order of the summaries
/// (<c>docs/models.md</c>, "Predictions"): <see cref="TriplePredictions"/> spread out to the customers, so predicting a
/// million customers costs a few thousand 2F1 evaluations.
/// </summary>
/// <param name="Months">The horizon in calendar months (of 365.25/12 days).</param>
/// <param name="ExpectedPurchases">E[repeat purchases in the next <paramref name="Months"/> months | x, t_x, T].</param>
/// <param name="DiscountedPurchases">Σₘ (E[Y(m months)] − E[Y(m−1 months)]) / (1 + d)ᵐ over m = 1 … Months: the purchases
/// of each month discounted to the calibration end at the monthly rate d (equal to ExpectedPurchases when d = 0).</param>
/// <param name="MedianTimeToNextPurchase">In the model's time unit after the calibration end; NaN where there is none.</param>
public sealed record PurchasePredictions(IPurchaseModel Model, int Months, double MonthlyDiscountRate, double[] ProbabilityAlive,
    double[] ExpectedPurchases, double[] DiscountedPurchases, double[] MedianTimeToNextPurchase)
{
    public static PurchasePredictions Predict(IPurchaseModel model, CustomerSummaries customers, int months = 12, double monthlyDiscountRate = 0)
    {
        var byTriple = TriplePredictions.Of(model, customers.Compress(), months, monthlyDiscountRate);
        var tripleOf = byTriple.Triples.TripleOfCustomer;
        var n = customers.Count;
        var pAlive = new double[n];
        var expected = new double[n];
        var discounted = new double[n];
        var median = new double[n];
        for (var i = 0; i < n; i++)
        {
            var k = tripleOf[i];
            (pAlive[i], expected[i], discounted[i], median[i]) =
                (byTriple.ProbabilityAlive[k], byTriple.ExpectedPurchases[k], byTriple.DiscountedPurchases[k], byTriple.MedianTimeToNextPurchase[k]);
        }
        return new PurchasePredictions(model, months, monthlyDiscountRate, pAlive, expected, discounted, median);
    }
}
