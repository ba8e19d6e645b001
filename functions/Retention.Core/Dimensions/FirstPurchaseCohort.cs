namespace Retention.Core.Dimensions;

/// <summary>Of the customers old enough to be judged for a window, how many ordered again within it, and their share.</summary>
public readonly record struct WindowShare(int Judged, int OrderedAgain, decimal? Share);

/// <summary>The average historic CLV at some months after the first order, over the customers old enough for it.</summary>
public readonly record struct ClvAverage(int Customers, decimal? Average);

/// <summary>How a dimension's long tail was cut: its distinct values, how many are shown, and the most that are.</summary>
public readonly record struct FirstPurchaseCut(int ValuesTotal, int ValuesKept, int CutAfter);

/// <summary>
/// One first-purchase cohort: the customers whose first order had one value of a dimension, or the "other" row of the
/// values past the cut (<c>docs/metrics.md</c>, "First-purchase cohorts by dimension").
/// </summary>
/// <param name="Rank">1 for the value with most customers; the "other" row is last, after the kept values.</param>
/// <param name="Title">The product's title on first_product rows; null elsewhere.</param>
/// <param name="OrderedAgain">Per window of <c>FirstPurchaseFacts.AgainWithinDays</c> (30, 90, 180, 365 days).</param>
/// <param name="HistoricClv">Per window of <c>FirstPurchaseFacts.ClvMonths</c> (3, 6, 12 months).</param>
/// <param name="AveragePredictedClv">The mean of the night's predicted 12-month CLV over <paramref name="PredictedCustomers"/>; null without any.</param>
public sealed record FirstPurchaseCohort(
    string Dimension,
    int Rank,
    string Value,
    string? Title,
    bool IsOther,
    int Customers,
    int RepeatCustomers,
    decimal? RepeatPurchaseRate,
    IReadOnlyList<WindowShare> OrderedAgain,
    IReadOnlyList<ClvAverage> HistoricClv,
    int PredictedCustomers,
    double? AveragePredictedClv,
    FirstPurchaseCut Cut);
