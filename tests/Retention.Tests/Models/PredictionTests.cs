using Retention.Core.Models;

namespace Retention.Tests.Models;

public class PredictionTests
{
    private static readonly BgNbdModel Published = new(0.2425945, 4.4136019, 0.7929199, 2.4258881);

    /// <summary>Fader, Hardie &amp; Lee (2005), section 5: customer 1 (x 2, t_x 30.43, T 38.86) is expected to make 1.226 purchases in the next 39 weeks.</summary>
    [Fact]
    public void Bgnbd_conditional_expectation_of_the_papers_example_customer()
    {
        Assert.Equal(1.226, Published.ConditionalExpectedPurchases(2, 30.43, 38.86, 39), 3);
    }

    [Theory]
    [InlineData(0, 0, 38.86, 39)]
    [InlineData(2, 30.43, 38.86, 39)]
    [InlineData(7, 20, 38.86, 52)]
    [InlineData(0, 0, 0.5, 520)]   // a brand-new customer over ten years: 2F1 argument near 1
    [InlineData(25, 70, 70.5, 4)]
    public void Bgnbd_2F1_expectation_equals_the_integral_over_the_dropout_probability(int x, double tx, double age, double horizon)
    {
        var viaHypergeometric = Published.ExpectedPurchasesIfAlive(x, age, horizon);
        var viaIntegral = Published.ExpectedPurchasesIfAliveByIntegral(x, age, horizon);
        Assert.True(Math.Abs(viaHypergeometric - viaIntegral) <= 1e-7 * viaIntegral, $"2F1 {viaHypergeometric}, integral {viaIntegral}");
        _ = tx;
    }

    [Fact]
    public void Bgnbd_with_a_equal_to_one_falls_back_to_the_integral_and_stays_continuous()
    {
        var at = Published with { A = 1 };
        var below = Published with { A = 1 - 1e-3 };
        var above = Published with { A = 1 + 1e-3 };
        var value = at.ExpectedPurchasesIfAlive(2, 38.86, 39);
        Assert.InRange(value, Math.Min(below.ExpectedPurchasesIfAlive(2, 38.86, 39), above.ExpectedPurchasesIfAlive(2, 38.86, 39)),
            Math.Max(below.ExpectedPurchasesIfAlive(2, 38.86, 39), above.ExpectedPurchasesIfAlive(2, 38.86, 39)));
    }

    [Fact]
    public void Probability_alive_rules()
    {
        Assert.Equal(1, Published.ProbabilityAlive(0, 0, 38.86));
        // A customer who bought often and recently is more likely alive than one who has since been silent.
        Assert.True(Published.ProbabilityAlive(5, 38, 38.86) > Published.ProbabilityAlive(5, 10, 38.86));
        var pareto = new ParetoNbdModel(0.5533, 10.5777, 0.6062, 11.6687);
        Assert.True(pareto.ProbabilityAlive(5, 38, 38.86) > pareto.ProbabilityAlive(5, 10, 38.86));
        Assert.InRange(pareto.ProbabilityAlive(0, 0, 38.86), 0, 1);
        Assert.InRange(pareto.ProbabilityAlive(3, 38.86, 38.86), 0.99, 1); // bought on the last day: almost surely alive
    }

    [Fact]
    public void Median_next_order_follows_its_definition()
    {
        var (x, tx, age) = (4, 37.0, 38.86);
        var alive = Published.ProbabilityAlive(x, tx, age);
        var s = Published.MedianTimeToNextPurchase(x, tx, age)!.Value;
        // P(next purchase by T + s) = P(alive)·(1 − ((α+T)/(α+T+s))^(r+x)) = 1/2 at the median.
        var byMedian = alive * (1 - Math.Pow((Published.Alpha + age) / (Published.Alpha + age + s), Published.R + x));
        Assert.Equal(0.5, byMedian, 10);
        Assert.Null(Published.MedianTimeToNextPurchase(5, 5, 38.86)); // long silent: more likely gone than not
    }

    [Fact]
    public void Batch_predictions_equal_one_customer_at_a_time()
    {
        var summaries = CdnowSample.Summaries;
        var predictions = PurchasePredictions.Predict(Published, summaries, months: 9, monthlyDiscountRate: 0);
        var horizon = 9 * ModelTimeUnit.Week.MonthLength();
        for (var i = 0; i < summaries.Count; i += 37)
        {
            var c = summaries[i];
            Assert.Equal(Published.ProbabilityAlive(c.Frequency, c.Recency, c.Age), predictions.ProbabilityAlive[i], 12);
            Assert.Equal(Published.ConditionalExpectedPurchases(c.Frequency, c.Recency, c.Age, horizon), predictions.ExpectedPurchases[i], 10);
            Assert.Equal(predictions.ExpectedPurchases[i], predictions.DiscountedPurchases[i], 10);
        }
        var discounted = PurchasePredictions.Predict(Published, summaries, months: 9, monthlyDiscountRate: 0.01);
        Assert.All(Enumerable.Range(0, summaries.Count), i => Assert.True(discounted.DiscountedPurchases[i] < predictions.ExpectedPurchases[i]));
    }

    [Fact]
    public void Gamma_gamma_expected_spend_shrinks_towards_the_shop_average()
    {
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        Assert.Equal(6.25 * 15.44 / 2.74, spend.PopulationMeanSpend, 10);
        Assert.Equal(spend.PopulationMeanSpend, spend.ExpectedAverageSpend(0, 0), 10);
        var once = spend.ExpectedAverageSpend(1, 100);
        var often = spend.ExpectedAverageSpend(10, 100);
        Assert.InRange(once, spend.PopulationMeanSpend, 100);
        Assert.InRange(often, once, 100);
        Assert.True(spend.ExpectedAverageSpend(2, -5) < spend.PopulationMeanSpend); // refunded to below zero: taken as 0
    }

    [Theory]
    [InlineData(0.05, ChurnRisk.High)]
    [InlineData(0.2999, ChurnRisk.High)]
    [InlineData(0.3, ChurnRisk.Medium)]
    [InlineData(0.6999, ChurnRisk.Medium)]
    [InlineData(0.7, ChurnRisk.Low)]
    [InlineData(1, ChurnRisk.Low)]
    public void Churn_risk_bands_with_the_default_thresholds(double alive, ChurnRisk risk) => Assert.Equal(risk, ChurnRiskBands.Default.Classify(alive));

    [Fact]
    public void Churn_risk_thresholds_are_parameters_and_are_checked()
    {
        Assert.Equal(ChurnRisk.High, new ChurnRiskBands(0.5, 0.9).Classify(0.45));
        Assert.Equal(ChurnRisk.Medium, new ChurnRiskBands(0.5, 0.9).Classify(0.85));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnRiskBands(0.8, 0.5).Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnRiskBands(-0.1, 0.5).Validated());
    }
}
