namespace Retention.Core.Models;

/// <summary>
/// What the two buy-till-you-die purchase models (<see cref="BgNbdModel"/>, <see cref="ParetoNbdModel"/>) offer, in
/// the model's time unit. Both factor a customer's expected repeat purchases over the next t as
/// P(alive | x, t_x, T) × E[purchases in (T, T + t] | alive at T, x, T], the second factor depending on x and T
/// alone, which is what lets <see cref="PurchasePredictions"/> compute it once per (x, T) pair.
/// </summary>
public interface IPurchaseModel
{
    string Name { get; }

    ModelTimeUnit Unit { get; }

    /// <summary>The parameters by name, in the literature's order.</summary>
    IReadOnlyList<(string Name, double Value)> Parameters { get; }

    /// <summary>ln L(x, t_x, T), the likelihood of one customer's summary.</summary>
    double LogLikelihood(int x, double tx, double t);

    /// <summary>P(alive at T | x, t_x, T).</summary>
    double ProbabilityAlive(int x, double tx, double t);

    /// <summary>E[repeat purchases in (T, T + horizon] | alive at T, x, T].</summary>
    double ExpectedPurchasesIfAlive(int x, double t, double horizon);

    /// <summary>E[repeat purchases in (T, T + horizon] | x, t_x, T]: the conditional expectation of the literature.</summary>
    double ConditionalExpectedPurchases(int x, double tx, double t, double horizon);

    /// <summary>
    /// The median time from T to the next purchase (<c>docs/models.md</c>, "Next order"): the smallest s with
    /// P(a purchase in (T, T + s] | x, t_x, T) ≥ 1/2; null when that probability never reaches 1/2 (the customer is more
    /// likely never to buy again) or the model does not define it.
    /// </summary>
    double? MedianTimeToNextPurchase(int x, double tx, double t);
}
