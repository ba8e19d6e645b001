namespace Retention.Core.Models;

/// <summary>
/// What the night's predictions read of one distinct (x, t_x, T) triple, in one place: 64 bytes, a cache line. Kept as
/// an array per figure, a customer's row read eight arrays at random places (their triple's): at 10,000,000 orders
/// the customers dataset's CSV took 7.4-7.6 s to write, 5.6-6.5 s with the figures together
/// (bench night-child, two runs each, alternated).
/// </summary>
/// <param name="ExpectedPurchases">over the forecast horizon (12 months), for the CLV interval.</param>
/// <param name="DiscountedPurchases">the horizon's purchases discounted month by month, for the CLV.</param>
/// <param name="PurchasesLow">the 10th percentile of purchases over the horizon; with <see cref="PurchasesHigh"/> -1 without a predictive distribution.</param>
/// <param name="NextOrderDay">the median next order's <see cref="DateOnly.DayNumber"/>; -1 for none.</param>
internal readonly record struct TripleFigures(double ProbabilityAlive, double ExpectedPurchases, double DiscountedPurchases, double Days30,
    double Days90, double Days365, int X, int PurchasesLow, int PurchasesHigh, int NextOrderDay);
