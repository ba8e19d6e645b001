namespace Retention.Core.Models;

/// <summary>
/// Every customer's predictions from one purchase model, as columns in the order of the summaries
/// (<c>docs/models.md</c>, "Predictions"). P(alive) and the next-order median are computed once per distinct
/// (x, t_x, T) triple, the expectation given alive once per distinct (x, T) pair and month, so predicting a million
/// customers costs a few thousand 2F1 evaluations.
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
        if (months < 1) throw new ArgumentOutOfRangeException(nameof(months), "the horizon must be at least one month");
        if (!(monthlyDiscountRate >= 0 && monthlyDiscountRate < 1)) throw new ArgumentOutOfRangeException(nameof(monthlyDiscountRate), "the monthly discount rate must be in [0, 1)");
        var triples = customers.Compress();
        var month = model.Unit.MonthLength();
        var alive = new double[triples.Count];
        var next = new double[triples.Count];
        var pairOf = new int[triples.Count];
        var pairs = new Dictionary<(int, double), int>();
        var expectedIfAlive = new List<double>();
        var discountedIfAlive = new List<double>();
        for (var k = 0; k < triples.Count; k++)
        {
            int x = triples.X[k];
            double tx = triples.Tx[k], age = triples.T[k];
            alive[k] = model.ProbabilityAlive(x, tx, age);
            next[k] = model.MedianTimeToNextPurchase(x, tx, age) ?? double.NaN;
            if (!pairs.TryGetValue((x, age), out var pair))
            {
                pair = expectedIfAlive.Count;
                pairs.Add((x, age), pair);
                double previous = 0, discounted = 0, factor = 1;
                for (var m = 1; m <= months; m++)
                {
                    var cumulative = model.ExpectedPurchasesIfAlive(x, age, m * month);
                    factor /= 1 + monthlyDiscountRate;
                    discounted += (cumulative - previous) * factor;
                    previous = cumulative;
                }
                expectedIfAlive.Add(previous);
                discountedIfAlive.Add(discounted);
            }
            pairOf[k] = pair;
        }

        var n = customers.Count;
        var pAlive = new double[n];
        var expected = new double[n];
        var discountedPurchases = new double[n];
        var median = new double[n];
        for (var i = 0; i < n; i++)
        {
            var k = triples.TripleOfCustomer[i];
            pAlive[i] = alive[k];
            expected[i] = alive[k] * expectedIfAlive[pairOf[k]];
            discountedPurchases[i] = alive[k] * discountedIfAlive[pairOf[k]];
            median[i] = next[k];
        }
        return new PurchasePredictions(model, months, monthlyDiscountRate, pAlive, expected, discountedPurchases, median);
    }
}
