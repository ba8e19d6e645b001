namespace Retention.Core.Models;

/// <summary>
/// What the two buy-till-you-die purchase models (<see cref="BgNbdModel"/>, <see cref="ParetoNbdModel"/>) offer, in
/// the model's time unit and the papers' symbols: a customer is (x, t_x, T), with T their <b>age</b> (first purchase
/// to the calibration end), and a forecast looks a <b>horizon</b> t beyond T, over (T, T + t]. Both models factor a
/// customer's expected repeat purchases as P(alive | x, t_x, T) × E[purchases in (T, T + t] | alive at T, x, T], the
/// second factor depending on x and T alone, which is what lets <see cref="PurchasePredictions"/> compute it once per
/// (x, T) pair. In code T is always <c>age</c> (or <c>T</c>) and t always <c>horizon</c>, never the other way round.
/// </summary>
public interface IPurchaseModel
{
    string Name { get; }

    ModelTimeUnit Unit { get; }

    /// <summary>The parameters by name, in the literature's order.</summary>
    IReadOnlyList<(string Name, double Value)> Parameters { get; }

    /// <summary>ln L(x, t_x, T), the likelihood of one customer's summary.</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    double LogLikelihood(int x, double tx, double age);

    /// <summary>P(alive at T | x, t_x, T).</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    double ProbabilityAlive(int x, double tx, double age);

    /// <summary>E[repeat purchases in (T, T + t] | alive at T, x, T].</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    double ExpectedPurchasesIfAlive(int x, double age, double horizon);

    /// <summary>E[repeat purchases in (T, T + t] | x, t_x, T]: the conditional expectation of the literature.</summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    /// <param name="horizon">t: how far beyond T to count purchases.</param>
    double ConditionalExpectedPurchases(int x, double tx, double age, double horizon);

    /// <summary>
    /// The median time from T to the next purchase (<c>docs/models.md</c>, "Next order"): the smallest s with
    /// P(a purchase in (T, T + s] | x, t_x, T) ≥ 1/2; null when that probability never reaches 1/2 (the customer is more
    /// likely never to buy again) or the model does not define it.
    /// </summary>
    /// <param name="x">x: repeat purchases in (0, T].</param>
    /// <param name="tx">t_x: the time of the last purchase, from the first (0 when x = 0).</param>
    /// <param name="age">T: the customer's age, from the first purchase to the calibration end.</param>
    double? MedianTimeToNextPurchase(int x, double tx, double age);
}
