namespace Retention.Core.Audiences;

/// <summary>
/// What the built-in audiences measure a customer against, from the shop's own night: its median historic CLV, the
/// predicted CLV its top tenth of customers reach, and how long a second order usually takes.
/// </summary>
/// <param name="MedianHistoricClv">the median net revenue to date over every customer.</param>
/// <param name="TopDecilePredictedClv">the predicted 12-month CLV at the 90th percentile; null without a forecast.</param>
/// <param name="SecondOrderWindowDays">the shop's median days from a first to a second order, 30 when it has no second orders yet.</param>
public sealed record AudienceBaseline(decimal MedianHistoricClv, double? TopDecilePredictedClv, int SecondOrderWindowDays)
{
    public const int DefaultSecondOrderWindowDays = 30;

    public static AudienceBaseline Of(IReadOnlyList<AudienceCustomer> customers, decimal? medianDaysToSecondOrder)
    {
        var clv = customers.Select(c => c.HistoricClv).Order().ToArray();
        var median = clv.Length == 0 ? 0m : clv.Length % 2 == 1 ? clv[clv.Length / 2] : (clv[clv.Length / 2 - 1] + clv[clv.Length / 2]) / 2;
        var predicted = customers.Where(c => c.PredictedClv is not null).Select(c => c.PredictedClv!.Value).Order().ToArray();
        // The nearest-rank 90th percentile: the value 90 % of customers are at or below.
        double? top = predicted.Length == 0 ? null : predicted[Math.Max(0, (int)Math.Ceiling(0.9 * predicted.Length) - 1)];
        var window = medianDaysToSecondOrder is { } days && days >= 1 ? (int)Math.Ceiling(days) : DefaultSecondOrderWindowDays;
        return new AudienceBaseline(median, top, window);
    }
}
