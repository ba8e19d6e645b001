using System.Globalization;

namespace Retention.Core.Models;

/// <summary>Customers with <see cref="Label"/> purchases in the holdout: how many there were, and how many the model predicted.</summary>
/// <param name="Label">"0" … "6", "7+".</param>
/// <param name="Predicted">Σ over customers of P(Y = k | their calibration summary) (for 7+: P(Y ≥ 7)).</param>
public sealed record HoldoutCount(string Label, int Actual, double Predicted);

/// <summary>
/// The classic check of a buy-till-you-die model's predictive distribution on the holdout (<c>docs/models.md</c>, "How sure
/// the forecast is"): the number of customers with 0, 1, …, 6, 7+ purchases in the holdout, actual and predicted
/// (Σᵢ P(Yᵢ = k | xᵢ, t_xᵢ, Tᵢ) over the holdout length), and the share of customers whose holdout purchases fell inside
/// their own 80 % interval (10th to 90th percentile) beside the share the model itself expects there
/// (Σᵢ P(low ≤ Yᵢ ≤ high) / n: at least 80 %, more because counts are discrete).
/// </summary>
public sealed record HoldoutCalibration(IReadOnlyList<HoldoutCount> Counts, int Customers, int InsideInterval, double ExpectedInside)
{
    public const int CountCap = 7;

    /// <summary>The share of customers whose holdout purchases were inside their 80 % interval.</summary>
    public double InsideShare => Customers == 0 ? 0 : (double)InsideInterval / Customers;

    /// <summary>The table for the split's customers; null for a model without a predictive distribution.</summary>
    public static HoldoutCalibration? Compute(IPurchaseModel model, HoldoutSplit split)
    {
        if (!PurchaseCountDistribution.Supports(model)) return null;
        var customers = split.Calibration;
        var triples = customers.Compress();
        // Per triple (the distribution given alive once per (x, T) pair): P(Y = k) for k < 7 and P(Y ≥ 7), the interval
        // and the probability it holds; nothing per customer but the lookup.
        var pairs = new Dictionary<(int, double), PurchaseCountDistribution>();
        var probabilities = new double[triples.Count, CountCap + 1];
        var interval = new (int Low, int High, double Holds)[triples.Count];
        for (var t = 0; t < triples.Count; t++)
        {
            var key = (triples.X[t], triples.T[t]);
            if (!pairs.TryGetValue(key, out var ifAlive))
                pairs.Add(key, ifAlive = PurchaseCountDistribution.IfAlive(model, triples.X[t], triples.T[t], split.HoldoutLength)!);
            var alive = model.ProbabilityAlive(triples.X[t], triples.Tx[t], triples.T[t]);
            double P(int k) => alive * ifAlive.Probability(k) + (k == 0 ? 1 - alive : 0);
            double below = 0;
            for (var k = 0; k < CountCap; k++)
            {
                probabilities[t, k] = P(k);
                below += probabilities[t, k];
            }
            probabilities[t, CountCap] = Math.Max(0, 1 - below);
            int low = PurchaseCountDistribution.Quantile(ifAlive.Probabilities, alive, ForecastIntervals.LowLevel);
            int high = PurchaseCountDistribution.Quantile(ifAlive.Probabilities, alive, ForecastIntervals.HighLevel);
            double holds = 0;
            for (var k = low; k <= high; k++) holds += P(k);
            interval[t] = (low, high, holds);
        }

        var actual = new int[CountCap + 1];
        var predicted = new double[CountCap + 1];
        int inside = 0;
        double expectedInside = 0;
        for (var i = 0; i < customers.Count; i++)
        {
            var t = triples.TripleOfCustomer[i];
            var y = split.HoldoutPurchases[i];
            actual[Math.Min(y, CountCap)]++;
            for (var k = 0; k <= CountCap; k++) predicted[k] += probabilities[t, k];
            if (y >= interval[t].Low && y <= interval[t].High) inside++;
            expectedInside += interval[t].Holds;
        }
        var counts = Enumerable.Range(0, CountCap + 1)
            .Select(k => new HoldoutCount(k == CountCap ? $"{CountCap}+" : k.ToString(CultureInfo.InvariantCulture), actual[k], predicted[k])).ToList();
        return new HoldoutCalibration(counts, customers.Count, inside, customers.Count == 0 ? 0 : expectedInside / customers.Count);
    }
}
