namespace Retention.Core.Models;

/// <summary>
/// One purchase model's predictions once per distinct (x, t_x, T) triple (<see cref="SummaryTriples"/>), which is all
/// they depend on: P(alive) and the next-order median per triple, the expectation given alive once per distinct (x, T)
/// pair and month. A customer's are their triple's (<see cref="SummaryTriples.TripleOfCustomer"/>), so a forecast keeps
/// these columns, not four doubles a customer (<see cref="PurchasePredictions"/> spreads them out per customer; the
/// night's predictions put each triple's figures together, <see cref="TripleFigures"/>).
/// </summary>
/// <param name="ExpectedPurchases">E[repeat purchases in the next <c>months</c> months | x, t_x, T].</param>
/// <param name="DiscountedPurchases">Σₘ (E[Y(m months)] − E[Y(m−1 months)]) / (1 + d)ᵐ over m = 1 … months.</param>
/// <param name="MedianTimeToNextPurchase">In the model's time unit after the calibration end; NaN where there is none.</param>
internal sealed record TriplePredictions(SummaryTriples Triples, double[] ProbabilityAlive, double[] ExpectedPurchases, double[] DiscountedPurchases,
    double[] MedianTimeToNextPurchase)
{
    public static TriplePredictions Of(IPurchaseModel model, SummaryTriples triples, int months, double monthlyDiscountRate)
    {
        if (months < 1) throw new ArgumentOutOfRangeException(nameof(months), "the horizon must be at least one month");
        if (!(monthlyDiscountRate >= 0 && monthlyDiscountRate < 1)) throw new ArgumentOutOfRangeException(nameof(monthlyDiscountRate), "the monthly discount rate must be in [0, 1)");
        var month = model.Unit.MonthLength();
        var alive = new double[triples.Count];
        var next = new double[triples.Count];
        var expected = new double[triples.Count];
        var discounted = new double[triples.Count];
        var pairs = new Dictionary<(int, double), (double Expected, double Discounted)>();
        for (var k = 0; k < triples.Count; k++)
        {
            int x = triples.X[k];
            double tx = triples.Tx[k], age = triples.T[k];
            alive[k] = model.ProbabilityAlive(x, tx, age);
            next[k] = model.MedianTimeToNextPurchase(x, tx, age) ?? double.NaN;
            if (!pairs.TryGetValue((x, age), out var ifAlive))
            {
                double previous = 0, discountedIfAlive = 0, factor = 1;
                for (var m = 1; m <= months; m++)
                {
                    var cumulative = model.ExpectedPurchasesIfAlive(x, age, m * month);
                    factor /= 1 + monthlyDiscountRate;
                    discountedIfAlive += (cumulative - previous) * factor;
                    previous = cumulative;
                }
                pairs.Add((x, age), ifAlive = (previous, discountedIfAlive));
            }
            expected[k] = alive[k] * ifAlive.Expected;
            discounted[k] = alive[k] * ifAlive.Discounted;
        }
        return new TriplePredictions(triples, alive, expected, discounted, next);
    }
}
