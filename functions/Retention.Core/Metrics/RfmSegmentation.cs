namespace Retention.Core.Metrics;

/// <summary>Customers and net revenue of one RFM segment.</summary>
public sealed record RfmSegmentSummary(RfmSegment Segment, int Customers, decimal NetRevenue);

/// <summary>How many customers got each score 1–5 on one of R, F, M (index 0 = score 1).</summary>
public sealed record RfmScoreDistribution(IReadOnlyList<int> Recency, IReadOnlyList<int> Frequency, IReadOnlyList<int> Monetary);

/// <summary>The RFM scores of every customer (ordinal key order) and the count and revenue of every segment, all eleven listed.</summary>
public sealed record RfmSegmentation(IReadOnlyList<RfmScores> Customers, IReadOnlyList<RfmSegmentSummary> Segments, RfmScoreDistribution Distribution)
{
    public static RfmSegmentation Compute(PurchaseHistory history) => Compute(history.Table);

    internal static RfmSegmentation Compute(PurchaseTable table)
    {
        var count = table.Customers;
        var lastDay = new int[count];
        var frequency = new int[count];
        var monetary = table.CustomerRevenue;
        for (var c = 0; c < count; c++)
        {
            int start = table.CustomerStart[c], end = table.CustomerStart[c + 1];
            lastDay[c] = table.Day[end - 1];
            frequency[c] = end - start;
        }
        // Scoring the last purchase day (later = higher) is scoring recency with "more recent = higher".
        var r = QuintileScore.Of(lastDay);
        var f = QuintileScore.Of(frequency);
        var m = QuintileScore.Of(monetary, table.RevenueOrder);

        var customers = new RfmScores[count];
        var segmentCustomers = new int[Enum.GetValues<RfmSegment>().Length];
        var segmentRevenue = new decimal[segmentCustomers.Length];
        int[] rCounts = new int[5], fCounts = new int[5], mCounts = new int[5];
        for (var c = 0; c < count; c++)
        {
            var fm = RfmSegmentMap.FrequencyMonetaryScore(f[c], m[c]);
            var segment = RfmSegmentMap.Of(r[c], fm);
            customers[c] = new RfmScores(table.CustomerKeys[c], table.AsOfDay - lastDay[c], frequency[c], monetary[c], r[c], f[c], m[c], fm, segment);
            segmentCustomers[(int)segment]++;
            segmentRevenue[(int)segment] += monetary[c];
            rCounts[r[c] - 1]++;
            fCounts[f[c] - 1]++;
            mCounts[m[c] - 1]++;
        }
        var segments = Enum.GetValues<RfmSegment>().Select(s => new RfmSegmentSummary(s, segmentCustomers[(int)s], segmentRevenue[(int)s])).ToArray();
        return new RfmSegmentation(customers, segments, new RfmScoreDistribution(rCounts, fCounts, mCounts));
    }
}
