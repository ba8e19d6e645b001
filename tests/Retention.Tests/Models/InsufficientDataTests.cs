using Retention.Core.Models;

namespace Retention.Tests.Models;

/// <summary>A fit without enough data says "not fitted" and why, never offers parameters.</summary>
public class InsufficientDataTests
{
    private static readonly BgNbdModel Truth = new(0.25, 4.0, 0.8, 2.5);

    [Fact]
    public void Too_few_customers()
    {
        var fit = BgNbdFitter.Fit(CustomerSimulator.BgNbdSummaries(Truth, null, 30, 100, 300, seed: 1));
        AssertNotFitted(fit, NotFittedReason.TooFewCustomers, "30 customers");
        AssertNotFitted(ParetoNbdFitter.Fit(CustomerSimulator.BgNbdSummaries(Truth, null, 30, 100, 300, seed: 1)), NotFittedReason.TooFewCustomers, "30 customers");
    }

    [Fact]
    public void Too_few_repeat_buyers()
    {
        var summaries = CustomerSummaries.Of(Enumerable.Range(0, 200).Select(i => new CustomerSummary($"c{i}", i < 5 ? 1 : 0, i < 5 ? 3 : 0, 20, i < 5 ? 10 : 0)));
        AssertNotFitted(BgNbdFitter.Fit(summaries), NotFittedReason.TooFewRepeatBuyers, "5 customers bought again");
        AssertNotFitted(GammaGammaFitter.Fit(summaries), NotFittedReason.TooFewRepeatBuyers, "5 repeat buyers");
    }

    [Fact]
    public void Too_short_history()
    {
        // Every customer arrived within the last 8 weeks: 56 days < 90.
        var fit = BgNbdFitter.Fit(CustomerSimulator.BgNbdSummaries(Truth with { Alpha = 0.5 }, null, 2_000, 1, 56, seed: 2));
        AssertNotFitted(fit, NotFittedReason.TooShortHistory, "56 days");
    }

    [Fact]
    public void Requirements_are_parameters()
    {
        var summaries = CustomerSimulator.BgNbdSummaries(Truth, null, 30, 100, 300, seed: 1);
        Assert.Equal(NotFittedReason.TooFewCustomers, BgNbdFitter.Fit(summaries, new FitRequirements(MinimumCustomers: 31)).Failure!.Reason);
        Assert.NotEqual(NotFittedReason.TooFewCustomers, BgNbdFitter.Fit(summaries, new FitRequirements(MinimumCustomers: 30, MinimumRepeatBuyers: 1)).Failure?.Reason);
    }

    [Fact]
    public void Gamma_gamma_leaves_out_repeat_buyers_whose_mean_spend_is_not_positive()
    {
        var summaries = CdnowSample.Summaries;
        var altered = CustomerSummaries.Of(summaries.Select((s, i) => s.Frequency > 0 && i % 10 == 0 ? s with { Monetary = i % 20 == 0 ? 0 : -4 } : s));
        var leftOut = summaries.Where((s, i) => s.Frequency > 0 && i % 10 == 0).Count();
        var fit = GammaGammaFitter.Fit(altered);
        Assert.True(fit.IsFitted);
        Assert.Equal(leftOut, fit.Excluded);
        Assert.Equal(946 - leftOut, fit.Customers);
    }

    [Fact]
    public void Identical_spend_everywhere_is_degenerate_not_a_fit()
    {
        // Everyone spends exactly 20 every time: no heterogeneity, q and p run off to infinity.
        var x = Enumerable.Range(0, 500).Select(i => 1 + i % 5).ToArray();
        var fit = GammaGammaFitter.Fit(x, x.Select(_ => 20.0).ToArray());
        Assert.False(fit.IsFitted);
        Assert.Null(fit.Model);
        Assert.Contains(fit.Failure!.Reason, new[] { NotFittedReason.DegenerateEstimate, NotFittedReason.NoConvergence });
    }

    [Fact]
    public void A_purchase_process_without_dropouts_is_degenerate_or_unconverged_not_nonsense()
    {
        // Every customer buys exactly every 2 weeks up to the calibration end: no heterogeneity, nobody drops out.
        var summaries = CustomerSummaries.Of(Enumerable.Range(0, 300).Select(i =>
        {
            var age = 20 + i % 30;
            var x = age / 2;
            return new CustomerSummary($"c{i}", x, 2.0 * x, age, 10);
        }));
        var fit = BgNbdFitter.Fit(summaries);
        if (fit.IsFitted) Assert.All(fit.Parameters, p => Assert.True(double.IsFinite(p.Value) && p.Value > 0));
        else Assert.Contains(fit.Failure!.Reason, new[] { NotFittedReason.DegenerateEstimate, NotFittedReason.NoConvergence });
    }

    [Fact]
    public void The_forecast_says_why_there_is_none()
    {
        var rows = CustomerSimulator.BgNbdTransactions(Truth, null, 20, new DateOnly(2025, 1, 1), 30, new DateOnly(2025, 6, 30), seed: 3);
        var forecast = CustomerLifetimeForecast.Compute(rows, new DateOnly(2025, 6, 30));
        Assert.False(forecast.IsFitted);
        Assert.Equal(NotFittedReason.TooFewCustomers, forecast.Failure!.Reason);
        Assert.Empty(forecast.Customers);
    }

    private static void AssertNotFitted<T>(ModelFit<T> fit, NotFittedReason reason, string mentions) where T : class
    {
        Assert.False(fit.IsFitted);
        Assert.Null(fit.Model);
        Assert.Empty(fit.Parameters);
        Assert.Null(fit.LogLikelihood);
        Assert.Equal(reason, fit.Failure!.Reason);
        Assert.Contains(mentions, fit.Failure.Message);
    }
}
