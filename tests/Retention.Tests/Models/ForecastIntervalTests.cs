using Retention.Tests.Support;
using Retention.Core.Models;
using Xunit.Abstractions;

namespace Retention.Tests.Models;

/// <summary>
/// The forecast's intervals against simulated truth (<c>docs/models.md</c>, "How sure the forecast is"). The bound used
/// throughout is 4 binomial standard errors: a share estimated from n independent yes/no outcomes each with its own
/// probability pᵢ has standard error √(Σ pᵢ(1 − pᵢ))/n, and a correct method misses 4 of them once in about 16,000 runs.
/// </summary>
[Collection(CpuHeavy.Name)]
public class ForecastIntervalTests(ITestOutputHelper output)
{
    private static readonly BgNbdModel TrueBgNbd = new(0.25, 4, 0.8, 2.5);
    private static readonly ParetoNbdModel TrueParetoNbd = new(0.55, 10.5, 0.6, 11.7);

    public static TheoryData<string> Models => new(ModelNames.BgNbd, ModelNames.ParetoNbd);

    /// <summary>
    /// 10,000 customers simulated from known parameters, each given the 80 % interval of their holdout purchases under
    /// those parameters. Counts are whole numbers, so an interval [10th, 90th percentile] holds a customer's purchases with
    /// probability at least 80 %, and for most customers more (a customer with P(0) = 0.95 has [0, 0]): the share inside
    /// must equal Σᵢ P(low ≤ Yᵢ ≤ high)/n, what the model itself expects, within 4 standard errors (about ±0.013 here), and
    /// each tail must hold no more than 10 % (+4 SE). The holdout counts 0 … 7+ must match Σᵢ P(Yᵢ = k) likewise.
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Customer_intervals_cover_simulated_customers_as_the_model_says(string name)
    {
        const int n = 10_000;
        IPurchaseModel model = name == ModelNames.BgNbd ? TrueBgNbd : TrueParetoNbd;
        var split = name == ModelNames.BgNbd
            ? HoldoutSimulation.BgNbd(TrueBgNbd, n, 182, 546, 39, seed: 7)
            : HoldoutSimulation.ParetoNbd(TrueParetoNbd, n, 182, 546, 39, seed: 7);
        var intervals = ForecastIntervals.ForCustomers(model, split.Calibration, 39)!;

        int inside = 0, below = 0, above = 0;
        double expected = 0, variance = 0;
        for (var i = 0; i < n; i++)
        {
            var c = split.Calibration[i];
            var d = PurchaseCountDistribution.Of(model, c.Frequency, c.Recency, c.Age, 39)!;
            Assert.Equal(d.Quantile(0.1), intervals.Low[i]);
            Assert.Equal(d.Quantile(0.9), intervals.High[i]);
            var y = split.HoldoutPurchases[i];
            if (y < intervals.Low[i]) below++;
            else if (y > intervals.High[i]) above++;
            else inside++;
            var p = Enumerable.Range(intervals.Low[i], intervals.High[i] - intervals.Low[i] + 1).Sum(d.Probability);
            Assert.True(p >= 0.8 - 1e-9);
            expected += p;
            variance += p * (1 - p);
        }
        var se = Math.Sqrt(variance) / n;
        var tailSe = Math.Sqrt(0.1 * 0.9 / n);
        output.WriteLine($"{name}: inside {inside / (double)n:P2}, the model expects {expected / n:P2} (SE {se:P2}); below {below / (double)n:P2}, above {above / (double)n:P2}");
        Assert.InRange(inside / (double)n, expected / n - 4 * se, expected / n + 4 * se);
        Assert.True(below / (double)n <= 0.1 + 4 * tailSe);
        Assert.True(above / (double)n <= 0.1 + 4 * tailSe);

        var calibration = HoldoutCalibration.Compute(model, split)!;
        Assert.Equal(inside, calibration.InsideInterval);
        Assert.Equal(expected / n, calibration.ExpectedInside, 9);
        foreach (var count in calibration.Counts)
        {
            var share = count.Predicted / n;
            var bound = 4 * Math.Sqrt(n * share * (1 - share)) + 1;
            output.WriteLine($"  {count.Label,-3} actual {count.Actual,6} predicted {count.Predicted,9:F1}");
            Assert.InRange(count.Actual, count.Predicted - bound, count.Predicted + bound);
        }
    }

    /// <summary>
    /// The shop's interval over repeated simulated shops: 200 shops of 1,000 customers, each fitted (BG/NBD) on its
    /// calibration period, its 80 % interval for the holdout's total purchases (39 weeks) set beside the simulated total.
    /// The share of shops covered must be 80 % within 4 binomial standard errors (√(0.8·0.2/200) = 2.8 %: 68.7 % to 91.3 %).
    /// Without the parameters' uncertainty (the customers' randomness alone) the same intervals are printed for comparison:
    /// they are far too narrow.
    /// </summary>
    [Fact]
    public void Shop_interval_covers_the_simulated_total_in_about_80_percent_of_shops()
    {
        const int shops = 200;
        var covered = new bool[shops];
        var coveredWithoutParameters = new bool[shops];
        var widths = new double[shops];
        Parallel.For(0, shops, new ParallelOptions { MaxDegreeOfParallelism = 2 }, s =>
        {
            var split = HoldoutSimulation.BgNbd(TrueBgNbd, 1_000, 182, 546, 39, seed: 1_000 + s);
            var fit = BgNbdFitter.Fit(split.Calibration);
            Assert.True(fit.IsFitted, fit.Failure?.Message);
            Assert.NotNull(fit.LogParameterCovariance);
            var total = split.HoldoutPurchases.Sum();
            var line = ForecastIntervals.ForShop(fit.Model!, fit.LogParameterCovariance, null, null, split.Calibration, [273])!.Lines.Single();
            covered[s] = total >= line.Low && total <= line.High;
            widths[s] = (line.High - line.Low) / line.Predicted;
            var alone = ForecastIntervals.ForShop(fit.Model!, null, null, null, split.Calibration, [273])!.Lines.Single();
            coveredWithoutParameters[s] = total >= alone.Low && total <= alone.High;
        });
        var share = covered.Count(c => c) / (double)shops;
        var se = Math.Sqrt(0.8 * 0.2 / shops);
        output.WriteLine($"covered {share:P1} of {shops} shops (bound 80 % ± {4 * se:P1}); mean relative width {widths.Average():P1}; " +
            $"customers' randomness alone: {coveredWithoutParameters.Count(c => c) / (double)shops:P1}");
        Assert.InRange(share, 0.8 - 4 * se, 0.8 + 4 * se);
    }

    /// <summary>The shop's prediction is the sum of its customers' expectations; its interval holds it; more draws of parameters widen it past the customers' randomness alone.</summary>
    [Fact]
    public void Shop_forecast_of_cdnow_is_the_sum_of_its_customers_with_an_interval_around_it()
    {
        var summaries = CdnowSample.Summaries;
        var fit = BgNbdFitter.Fit(summaries);
        var spend = GammaGammaFitter.Fit(summaries);
        var shop = ForecastIntervals.ForShop(fit.Model!, fit.LogParameterCovariance, spend.Model, spend.LogParameterCovariance, summaries)!;
        var alone = ForecastIntervals.ForShop(fit.Model!, null, spend.Model, null, summaries)!;
        Assert.Equal(ForecastIntervals.DefaultDraws, shop.Draws);
        Assert.Equal(6, shop.Lines.Count);
        foreach (var line in shop.Lines)
        {
            output.WriteLine($"{line.Measure} {line.HorizonDays} d: {line.Predicted:F1} ({line.Low:F1} – {line.High:F1})");
            var horizon = line.HorizonDays / 7.0;
            var expected = Enumerable.Range(0, summaries.Count).Sum(i =>
            {
                var c = summaries[i];
                var purchases = fit.Model!.ConditionalExpectedPurchases(c.Frequency, c.Recency, c.Age, horizon);
                return line.Measure == "purchases" ? purchases : purchases * spend.Model!.ExpectedAverageSpend(c.Frequency, c.Monetary);
            });
            Assert.Equal(expected, line.Predicted, 1e-6 * expected);
            Assert.True(line.Low < line.Predicted && line.Predicted < line.High);
            var narrow = alone.Lines.Single(l => l.Measure == line.Measure && l.HorizonDays == line.HorizonDays);
            Assert.True(line.High - line.Low > narrow.High - narrow.Low);
        }
        // Deterministic: the draws are seeded.
        Assert.Equal(shop.Lines, ForecastIntervals.ForShop(fit.Model!, fit.LogParameterCovariance, spend.Model, spend.LogParameterCovariance, summaries)!.Lines);
    }
}
