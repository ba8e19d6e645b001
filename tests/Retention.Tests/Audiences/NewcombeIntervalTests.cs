using FsCheck;
using FsCheck.Fluent;
using Retention.Core.Audiences.Uplift;

namespace Retention.Tests.Audiences;

public class NewcombeIntervalTests
{
    /// <summary>
    /// Newcombe RG (1998), "Interval estimation for the difference between independent proportions: comparison of eleven
    /// methods", Statistics in Medicine 17:873–890, Table II, method 10 (score, no continuity correction): the published
    /// limits, to the 4 decimals printed there. The same limits were recomputed here independently from the formula (Python,
    /// standard library only): (a) 0.052431 to 0.333873, (b) 0.170523 to 0.809018, (d) −0.038137 to 0.192560,
    /// (e) −0.161125 to 0.277533, (g) 0.679086 to 1. Row (c), 6/7 − 2/7, is left out: its upper limit is 0.806250, on the
    /// rounding edge between the printed 0.8062 and 0.8063.
    /// </summary>
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)] // (a)
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]   // (b)
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]  // (d)
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]  // (e)
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]  // (f)
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]  // (g)
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]  // (h)
    public void The_interval_is_Newcombes_method_10_as_published(int x1, int n1, int x2, int n2, double low, double high)
    {
        var (l, u) = NewcombeInterval.Difference(x1, n1, x2, n2);
        // Half a unit of the fourth decimal: the published figures are rounded to 4.
        Assert.Equal(low, l, 0.00005);
        Assert.Equal(high, u, 0.00005);
    }

    [Fact]
    public void The_wilson_interval_of_one_share()
    {
        // 0 of 10: 0 to 0.2775, the limit rows (e) and (f) of Newcombe's table are built from; 8 of 10: 0.4902 to 0.9433
        // (computed independently from the formula). n of n reaches 1 exactly.
        Assert.Equal((0.0, 0.2775), Round(NewcombeInterval.Wilson(0, 10)));
        Assert.Equal((0.4902, 0.9433), Round(NewcombeInterval.Wilson(8, 10)));
        Assert.Equal(1.0, NewcombeInterval.Wilson(10, 10).High);
        Assert.Throws<ArgumentOutOfRangeException>(() => NewcombeInterval.Wilson(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewcombeInterval.Wilson(11, 10));

        static (double, double) Round((double Low, double High) interval) => (Math.Round(interval.Low, 4), Math.Round(interval.High, 4));
    }

    [Fact]
    public void The_interval_holds_the_difference_stays_within_minus_one_and_one_and_mirrors_when_the_arms_swap()
    {
        var counts = from n1 in Gen.Choose(1, 400)
                     from x1 in Gen.Choose(0, n1)
                     from n2 in Gen.Choose(1, 400)
                     from x2 in Gen.Choose(0, n2)
                     select (x1, n1, x2, n2);
        var property = Prop.ForAll(Arb.From(counts), c =>
        {
            var (low, high) = NewcombeInterval.Difference(c.x1, c.n1, c.x2, c.n2);
            var (swappedLow, swappedHigh) = NewcombeInterval.Difference(c.x2, c.n2, c.x1, c.n1);
            var difference = (double)c.x1 / c.n1 - (double)c.x2 / c.n2;
            return low >= -1 && high <= 1 && low <= difference + 1e-12 && difference <= high + 1e-12
                && Math.Abs(low + swappedHigh) < 1e-12 && Math.Abs(high + swappedLow) < 1e-12;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    /// <summary>
    /// Coverage: 2,000 simulated experiments with known shares; the 95 % interval must contain the true difference in
    /// 95 % of them, within 3 binomial standard errors of the count (√(0.95 × 0.05 / 2000) = 0.0049). The exact coverage
    /// at these points, summed over every outcome, is 0.9507, 0.9517 and 0.9535. Seeded, so the run is the same every time.
    /// </summary>
    [Theory]
    [InlineData(0.25, 900, 0.20, 100, 11)]
    [InlineData(0.30, 270, 0.20, 30, 12)]
    [InlineData(0.12, 450, 0.08, 50, 13)]
    public void Intervals_contain_the_true_difference_95_times_in_100(double treatedShare, int treated, double controlShare, int control, int seed)
    {
        const int experiments = 2_000;
        var random = new Random(seed);
        var truth = treatedShare - controlShare;
        var covered = 0;
        for (var e = 0; e < experiments; e++)
        {
            var (low, high) = NewcombeInterval.Difference(Draw(random, treated, treatedShare), treated, Draw(random, control, controlShare), control);
            if (low <= truth && truth <= high) covered++;
        }
        var coverage = (double)covered / experiments;
        var standardError = Math.Sqrt(0.95 * 0.05 / experiments);
        Assert.InRange(coverage, 0.95 - 3 * standardError, 0.95 + 3 * standardError);
    }

    private static int Draw(Random random, int trials, double share)
    {
        var successes = 0;
        for (var i = 0; i < trials; i++)
        {
            if (random.NextDouble() < share) successes++;
        }
        return successes;
    }
}
