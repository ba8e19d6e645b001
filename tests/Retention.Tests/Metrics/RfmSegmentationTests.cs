using Retention.Core.Metrics;
using static Retention.Tests.Metrics.HandComputedRetentionShop;

namespace Retention.Tests.Metrics;

public class RfmSegmentationTests
{
    [Fact]
    public void Scores_and_segments_are_the_hand_computed_ones()
    {
        Assert.Equal(
        [
            new RfmScores("A", 7, 3, 120m, R: 3, F: 4, M: 4, FM: 4, RfmSegment.Loyal),
            new RfmScores("B", 30, 3, 160m, 2, 4, 5, 4, RfmSegment.AtRisk),
            new RfmScores("C", 56, 1, 50m, 1, 1, 2, 1, RfmSegment.Lost),
            new RfmScores("D", 1, 2, 100m, 4, 3, 3, 3, RfmSegment.PotentialLoyalist),
            new RfmScores("E", 0, 1, 25m, 5, 1, 1, 1, RfmSegment.New),
        ], RfmSegmentation.Compute(History()).Customers);
    }

    [Fact]
    public void Segment_counts_and_revenue_are_the_hand_computed_ones()
    {
        var rfm = RfmSegmentation.Compute(History());
        Assert.Equal(Enum.GetValues<RfmSegment>(), rfm.Segments.Select(s => s.Segment));
        Assert.Equal(
            [(RfmSegment.Loyal, 1, 120m), (RfmSegment.PotentialLoyalist, 1, 100m), (RfmSegment.New, 1, 25m), (RfmSegment.AtRisk, 1, 160m), (RfmSegment.Lost, 1, 50m)],
            rfm.Segments.Where(s => s.Customers > 0).Select(s => (s.Segment, s.Customers, s.NetRevenue)));
        Assert.Equal([1, 1, 1, 1, 1], rfm.Distribution.Recency);
        Assert.Equal([2, 0, 1, 2, 0], rfm.Distribution.Frequency);
        Assert.Equal([1, 1, 1, 1, 1], rfm.Distribution.Monetary);
    }

    [Fact]
    public void Equal_values_always_get_the_same_score()
    {
        // Ten customers with 1,1,1,1,1,1,2,2,3,4 orders: 1 → nobody below → 1; 2 → 6 below → 1 + ⌊30/10⌋ = 4;
        // 3 → 8 below → 1 + 4 = 5; 4 → 9 below → 1 + ⌊4.5⌋ = 5. Six customers share the lowest value and all score 1.
        int[] orders = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4];
        var purchases = orders.SelectMany((n, c) => Enumerable.Range(0, n).Select(i => P($"c{c}", $"c{c}-{i}", "2025-01-01", 10m)));
        var rfm = RfmSegmentation.Compute(PurchaseHistory.FromPurchases(D("2025-01-31"), purchases));
        Assert.Equal([1, 1, 1, 1, 1, 1, 4, 4, 5, 5], rfm.Customers.OrderBy(c => c.Frequency).Select(c => c.F));
        // Everybody bought on the same day: no recency is worse than another, so all score 1.
        Assert.All(rfm.Customers, c => Assert.Equal(1, c.R));
    }

    [Theory]
    [InlineData(5, 5, RfmSegment.Champions)]
    [InlineData(5, 4, RfmSegment.Champions)]
    [InlineData(4, 5, RfmSegment.Loyal)]
    [InlineData(3, 4, RfmSegment.Loyal)]
    [InlineData(5, 2, RfmSegment.PotentialLoyalist)]
    [InlineData(4, 3, RfmSegment.PotentialLoyalist)]
    [InlineData(5, 1, RfmSegment.New)]
    [InlineData(4, 1, RfmSegment.Promising)]
    [InlineData(3, 3, RfmSegment.NeedAttention)]
    [InlineData(3, 1, RfmSegment.AboutToSleep)]
    [InlineData(3, 2, RfmSegment.AboutToSleep)]
    [InlineData(2, 3, RfmSegment.AtRisk)]
    [InlineData(1, 4, RfmSegment.AtRisk)]
    [InlineData(2, 5, RfmSegment.CantLoseThem)]
    [InlineData(1, 5, RfmSegment.CantLoseThem)]
    [InlineData(2, 1, RfmSegment.Hibernating)]
    [InlineData(2, 2, RfmSegment.Hibernating)]
    [InlineData(1, 2, RfmSegment.Hibernating)]
    [InlineData(1, 1, RfmSegment.Lost)]
    public void The_segment_map_is_the_documented_grid(int r, int fm, RfmSegment expected)
    {
        Assert.Equal(expected, RfmSegmentMap.Of(r, fm));
    }

    [Fact]
    public void Every_cell_has_a_segment_and_every_segment_a_cell()
    {
        var cells = from r in Enumerable.Range(1, 5) from fm in Enumerable.Range(1, 5) select RfmSegmentMap.Of(r, fm);
        Assert.Equal(Enum.GetValues<RfmSegment>().Order(), cells.Distinct().Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegmentMap.Of(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegmentMap.Of(3, 6));
    }

    [Theory]
    [InlineData(5, 5, 5)]
    [InlineData(4, 5, 4)]
    [InlineData(1, 2, 1)]
    [InlineData(2, 5, 3)]
    public void The_fm_score_is_the_mean_of_f_and_m_rounded_down(int f, int m, int expected)
    {
        Assert.Equal(expected, RfmSegmentMap.FrequencyMonetaryScore(f, m));
    }

    [Fact]
    public void An_empty_shop_has_empty_segments()
    {
        var rfm = RfmSegmentation.Compute(PurchaseHistory.FromPurchases(AsOf, []));
        Assert.Empty(rfm.Customers);
        Assert.All(rfm.Segments, s => Assert.Equal((0, 0m), (s.Customers, s.NetRevenue)));
    }
}
