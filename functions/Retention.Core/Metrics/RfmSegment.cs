namespace Retention.Core.Metrics;

/// <summary>The eleven named RFM segments (<c>docs/metrics.md</c>, "RFM").</summary>
public enum RfmSegment
{
    Champions,
    Loyal,
    PotentialLoyalist,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
    Lost,
}

/// <summary>
/// The segment of a (recency score, frequency-monetary score) cell. The grid is the widely used 5 × 5 R × F map
/// (Champions top right, Can't lose them bottom right, Hibernating bottom left) with Putler's combined F/M axis
/// and its eleventh segment, Lost, in the lowest corner; sources and the full table are in <c>docs/metrics.md</c>.
/// </summary>
public static class RfmSegmentMap
{
    // Rows R = 5 .. 1, columns FM = 1 .. 5.
    private static readonly RfmSegment[,] Grid =
    {
        { RfmSegment.New, RfmSegment.PotentialLoyalist, RfmSegment.PotentialLoyalist, RfmSegment.Champions, RfmSegment.Champions },
        { RfmSegment.Promising, RfmSegment.PotentialLoyalist, RfmSegment.PotentialLoyalist, RfmSegment.Loyal, RfmSegment.Loyal },
        { RfmSegment.AboutToSleep, RfmSegment.AboutToSleep, RfmSegment.NeedAttention, RfmSegment.Loyal, RfmSegment.Loyal },
        { RfmSegment.Hibernating, RfmSegment.Hibernating, RfmSegment.AtRisk, RfmSegment.AtRisk, RfmSegment.CantLoseThem },
        { RfmSegment.Lost, RfmSegment.Hibernating, RfmSegment.AtRisk, RfmSegment.AtRisk, RfmSegment.CantLoseThem },
    };

    /// <summary>The F/M axis: the mean of the F and M scores, rounded down, so "high value" needs both to earn it.</summary>
    public static int FrequencyMonetaryScore(int frequencyScore, int monetaryScore) => (frequencyScore + monetaryScore) / 2;

    public static RfmSegment Of(int recencyScore, int frequencyMonetaryScore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recencyScore, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencyMonetaryScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyMonetaryScore, 5);
        return Grid[5 - recencyScore, frequencyMonetaryScore - 1];
    }
}
