using Retention.Core.Metrics;
using static Retention.Tests.Metrics.HandComputedRetentionShop;

namespace Retention.Tests.Metrics;

public class ChurnThresholdTests
{
    /// <summary>One customer whose consecutive purchase days are the given gaps apart, starting 2020-01-01.</summary>
    private static PurchaseHistory Gaps(params int[] gaps)
    {
        var day = D("2020-01-01");
        var purchases = new List<Purchase> { new("G", "0", day, 10m) };
        for (var i = 0; i < gaps.Length; i++)
        {
            day = day.AddDays(gaps[i]);
            purchases.Add(new Purchase("G", (i + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), day, 10m));
        }
        return PurchaseHistory.FromPurchases(day, purchases);
    }

    [Fact]
    public void The_shops_setting_wins()
    {
        var threshold = ChurnThreshold.For(History(), Settings);
        Assert.Equal(new ChurnThreshold(30, ChurnThresholdSource.Setting, 0.90m, 4, null), threshold);
    }

    [Fact]
    public void Too_few_gaps_give_the_fallback()
    {
        // The hand shop has 4 gaps (A 21 and 44, B 35, D 36; B's two orders on 01-06 are no gap).
        Assert.Equal(new ChurnThreshold(90, ChurnThresholdSource.Fallback, 0.90m, 4, null), ChurnThreshold.For(History(), RetentionSettings.Default));
        // 19 gaps are still too few; the 20th makes a percentile.
        var nineteen = Enumerable.Range(1, 19).Select(i => i * 10).ToArray();
        Assert.Equal(ChurnThresholdSource.Fallback, ChurnThreshold.For(Gaps(nineteen), RetentionSettings.Default).Source);
    }

    [Fact]
    public void The_derived_threshold_is_the_nearest_rank_90th_percentile_of_gaps()
    {
        // Gaps 10, 20, …, 200: 20 gaps, rank ⌈0.9 × 20⌉ = 18 → 180 days, inside [30, 365].
        var threshold = ChurnThreshold.For(Gaps([.. Enumerable.Range(1, 20).Select(i => i * 10).Reverse()]), RetentionSettings.Default);
        Assert.Equal(new ChurnThreshold(180, ChurnThresholdSource.Derived, 0.90m, 20, 180), threshold);
        // 21 gaps 10 … 210: rank ⌈18.9⌉ = 19 → 190.
        Assert.Equal(190, ChurnThreshold.For(Gaps([.. Enumerable.Range(1, 21).Select(i => i * 10)]), RetentionSettings.Default).Days);
    }

    [Fact]
    public void The_derived_threshold_is_clamped_to_a_month_and_a_year()
    {
        // Gaps 1 … 20 days: 18th = 18, raised to 30. Gaps 100 … 2000: 18th = 1800, lowered to 365.
        Assert.Equal(new ChurnThreshold(30, ChurnThresholdSource.Derived, 0.90m, 20, 18),
            ChurnThreshold.For(Gaps([.. Enumerable.Range(1, 20)]), RetentionSettings.Default));
        Assert.Equal(new ChurnThreshold(365, ChurnThresholdSource.Derived, 0.90m, 20, 1800),
            ChurnThreshold.For(Gaps([.. Enumerable.Range(1, 20).Select(i => i * 100)]), RetentionSettings.Default));
    }

    [Fact]
    public void Orders_on_the_same_day_are_not_gaps()
    {
        // Twenty gaps of 40 days, each return visit with two baskets: still 20 gaps, all 40 days.
        var gaps = Gaps([.. Enumerable.Repeat(40, 20)]);
        var doubled = PurchaseHistory.FromPurchases(gaps.AsOf, gaps.Purchases.Concat(gaps.Purchases.Select(p => p with { OrderId = p.OrderId + "b" })));
        Assert.Equal(new ChurnThreshold(40, ChurnThresholdSource.Derived, 0.90m, 20, 40), ChurnThreshold.For(doubled, RetentionSettings.Default));
    }

    [Fact]
    public void Gaps_are_within_one_customer_never_across_customers()
    {
        // Twenty one-time buyers, a day apart: no customer ever came back, so there is no gap at all.
        var history = PurchaseHistory.FromPurchases(D("2020-02-01"),
            Enumerable.Range(0, 20).Select(i => new Purchase($"c{i:D2}", $"o{i}", D("2020-01-01").AddDays(i), 5m)));
        Assert.Equal(new ChurnThreshold(90, ChurnThresholdSource.Fallback, 0.90m, 0, null), ChurnThreshold.For(history, RetentionSettings.Default));
    }

    [Fact]
    public void A_setting_below_one_day_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChurnThreshold.For(History(), new RetentionSettings(ChurnDays: 0)));
    }
}
