using MathNet.Numerics.Distributions;
using Retention.Core.Models;

namespace Retention.Tests.Models;

/// <summary>
/// Customers drawn from known parameters and followed past their calibration end: their calibration summaries and their
/// repeat purchases in the holdout, the truth the forecast's intervals are checked against. The BG/NBD story is
/// <see cref="CustomerSimulator"/>'s with exact times (λ ~ Gamma(r, α), p ~ Beta(a, b); Poisson purchases, a dropout
/// chance p after each repeat purchase); the Pareto/NBD's: λ ~ Gamma(r, α), μ ~ Gamma(s, β), an exponential lifetime
/// of rate μ. First purchases lie a uniform whole number of days, <c>minimumAgeDays</c> to <c>maximumAgeDays</c>,
/// before the calibration end; times in weeks.
/// </summary>
public static class HoldoutSimulation
{
    public static HoldoutSplit BgNbd(BgNbdModel model, int customers, int minimumAgeDays, int maximumAgeDays, double holdoutWeeks, int seed)
    {
        var random = new Random(seed);
        return Simulate(customers, minimumAgeDays, maximumAgeDays, holdoutWeeks, random, (age, end) =>
        {
            var lambda = Gamma.Sample(random, model.R, model.Alpha);
            var p = Beta.Sample(random, model.A, model.B);
            var times = new List<double>();
            var time = 0.0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > end) break;
                times.Add(time);
                if (random.NextDouble() < p) break;
            }
            return times;
        });
    }

    public static HoldoutSplit ParetoNbd(ParetoNbdModel model, int customers, int minimumAgeDays, int maximumAgeDays, double holdoutWeeks, int seed)
    {
        var random = new Random(seed);
        return Simulate(customers, minimumAgeDays, maximumAgeDays, holdoutWeeks, random, (age, end) =>
        {
            var lambda = Gamma.Sample(random, model.R, model.Alpha);
            var mu = Gamma.Sample(random, model.S, model.Beta);
            var death = -Math.Log(1 - random.NextDouble()) / mu;
            var times = new List<double>();
            var time = 0.0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > Math.Min(end, death)) break;
                times.Add(time);
            }
            return times;
        });
    }

    /// <summary>Per customer: an age T, repeat purchase times after the first (at 0) up to T + holdout, cut at T.</summary>
    private static HoldoutSplit Simulate(int customers, int minimumAgeDays, int maximumAgeDays, double holdoutWeeks, Random random,
        Func<double, double, List<double>> repeatPurchases)
    {
        var summaries = new CustomerSummary[customers];
        var holdout = new int[customers];
        for (var c = 0; c < customers; c++)
        {
            var age = random.Next(minimumAgeDays, maximumAgeDays + 1) / 7.0;
            var times = repeatPurchases(age, age + holdoutWeeks);
            var calibration = times.Where(t => t <= age).ToList();
            summaries[c] = new CustomerSummary($"sim-{c:D6}", calibration.Count, calibration.Count == 0 ? 0 : calibration[^1], age, 0);
            holdout[c] = times.Count - calibration.Count;
        }
        var end = new DateOnly(2025, 1, 1);
        return new HoldoutSplit(CustomerSummaries.Of(summaries), end, end.AddDays((int)Math.Round(holdoutWeeks * 7)), holdoutWeeks, holdout);
    }
}
