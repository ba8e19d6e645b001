using System.Globalization;
using Retention.Core.Audiences.Uplift;

namespace Retention.Tests.Audiences;

/// <summary>
/// Measured uplift end to end, in its pure form: shops simulated night by night (<see cref="UpliftSimulation"/>) through
/// the real nightly audience and the real measurement, with a known true effect. Over 20 seeded shops, the pooled
/// 30-day row's 95 % interval must contain the true uplift about 19 times, and without an effect must exclude 0 about
/// once. One seed proves nothing either way; 20 seeds with a binomial bound fail a wrong interval and pass a right one
/// except with a probability stated at each bound. Seeded, so a run is the same every time.
/// </summary>
public class UpliftSimulationTests
{
    private const int Seeds = 20;
    private const double ControlReorderShare = 0.20;
    private const double TrueUplift = 0.10;

    [Fact]
    public void With_an_effect_the_pooled_interval_contains_the_true_uplift_in_at_least_16_of_20_shops()
    {
        var shops = Simulate(firstSeed: 1, ControlReorderShare + TrueUplift, ControlReorderShare);
        var report = Report(shops);
        var rows = shops.Select(s => s.Pooled(UpliftSimulation.WindowDays).Reorders!).ToArray();

        // Coverage: with a 95 % interval, the shops whose interval contains 0.10 are Binomial(20, 0.95), 19 expected;
        // P(X ≤ 15 | n = 20, p = 0.95) = 0.0026 (the sum of C(20, k) 0.95^k 0.05^(20−k) over k = 0 … 15), so a right
        // interval fails this bound about once in 390 runs, and one covering 80 % or less fails it more often than not.
        var covered = rows.Count(r => r.UpliftLow <= (decimal)TrueUplift && (decimal)TrueUplift <= r.UpliftHigh);
        Assert.True(covered >= 16, $"the interval contains the true uplift {TrueUplift} in {covered} of {Seeds} shops, fewer than 16:\n{report}");

        // The point estimate is unbiased: its mean over the shops is within 4 standard errors of 0.10 (P(|Z| > 4) = 0.00006).
        // A shop's standard error is √(p_t(1 − p_t)/n_t + p_c(1 − p_c)/n_c) at the true shares and its measured arms;
        // the mean's is √(Σ se²) / 20: about 0.0047 with some 850 members per arm, so the tolerance is about 0.019.
        var mean = rows.Average(r => (double)r.Uplift!.Value);
        var tolerance = 4 * MeanStandardError(shops, ControlReorderShare + TrueUplift, ControlReorderShare);
        Assert.True(Math.Abs(mean - TrueUplift) <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"the mean uplift over {Seeds} shops is {mean:F4}, not within {tolerance:F4} of {TrueUplift}:\n{report}"));

        // Each arm's share too (the same tolerance, looser for one share than for a difference), so a simulation that
        // drifted both arms alike would not pass on the difference alone.
        var treatedMean = rows.Average(r => (double)r.TreatedShare!.Value);
        var controlMean = rows.Average(r => (double)r.ControlShare!.Value);
        Assert.True(Math.Abs(treatedMean - (ControlReorderShare + TrueUplift)) <= tolerance && Math.Abs(controlMean - ControlReorderShare) <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"the mean shares are treated {treatedMean:F4} and control {controlMean:F4}:\n{report}"));
    }

    [Fact]
    public void Without_an_effect_the_pooled_interval_excludes_zero_in_at_most_4_of_20_shops()
    {
        var shops = Simulate(firstSeed: 101, ControlReorderShare, ControlReorderShare);
        var report = Report(shops);

        // False positives: with no effect and a 95 % interval, the shops whose interval excludes 0 are Binomial(20, 0.05),
        // 1 expected; P(X ≥ 5 | n = 20, p = 0.05) = 0.0026, so a right interval fails this bound about once in 390 runs.
        var falsePositives = shops.Select(s => s.Pooled(UpliftSimulation.WindowDays).Reorders!).Count(r => r.UpliftLow > 0m || r.UpliftHigh < 0m);
        Assert.True(falsePositives <= 4, $"the interval excludes 0 in {falsePositives} of {Seeds} shops without an effect, more than 4:\n{report}");

        // And the point estimate is unbiased here too: its mean within 4 standard errors of 0, as above.
        var mean = shops.Average(s => (double)s.Pooled(UpliftSimulation.WindowDays).Reorders!.Uplift!.Value);
        var tolerance = 4 * MeanStandardError(shops, ControlReorderShare, ControlReorderShare);
        Assert.True(Math.Abs(mean) <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"the mean uplift over {Seeds} shops without an effect is {mean:F4}, not within {tolerance:F4} of 0:\n{report}"));
    }

    /// <summary>
    /// <see cref="Seeds"/> shops from <paramref name="firstSeed"/> on, each checked to be a fair test: its pooled 30-day
    /// row measured (at least 30 members and 5 outcomes each way per arm), and its membership moved by its purchases
    /// (members left when they ordered, and came back after 30 quiet days).
    /// </summary>
    private static UpliftSimulation.Result[] Simulate(int firstSeed, double treatedShare, double controlShare)
    {
        var shops = new UpliftSimulation.Result[Seeds];
        Parallel.For(0, Seeds, i => shops[i] = UpliftSimulation.Run(firstSeed + i, treatedShare, controlShare));
        var report = Report(shops);
        foreach (var shop in shops)
        {
            var row = shop.Pooled(UpliftSimulation.WindowDays);
            Assert.True(row.Status == UpliftStatus.Measured, $"{shop.Summary()}: the pooled 30-day row is not measured: {row.Verdict}\n{report}");
            Assert.True(shop.Departures > 0 && shop.ReEntries > 0, $"{shop.Summary()}: no member left or came back\n{report}");
        }
        return shops;
    }

    private static double MeanStandardError(IEnumerable<UpliftSimulation.Result> shops, double treatedShare, double controlShare)
    {
        var variance = 0.0;
        var count = 0;
        foreach (var row in shops.Select(s => s.Pooled(UpliftSimulation.WindowDays)))
        {
            variance += treatedShare * (1 - treatedShare) / row.TreatedMembers + controlShare * (1 - controlShare) / row.ControlMembers;
            count++;
        }
        return Math.Sqrt(variance) / count;
    }

    private static string Report(IEnumerable<UpliftSimulation.Result> shops) => string.Join("\n", shops.Select(s => s.Summary()));
}
