namespace Retention.Core.Dimensions;

/// <summary>The running sums of one first-purchase cohort (a dimension's value, or its "other" row).</summary>
internal sealed class CohortTally
{
    private readonly int[] _judged = new int[FirstPurchaseFacts.AgainWithinDays.Length];
    private readonly int[] _again = new int[FirstPurchaseFacts.AgainWithinDays.Length];
    private readonly int[] _clvCustomers = new int[FirstPurchaseFacts.ClvMonths.Length];
    private readonly decimal[] _clvSum = new decimal[FirstPurchaseFacts.ClvMonths.Length];
    private int _predicted;
    private double _predictedSum;

    public int Customers { get; private set; }
    public int RepeatCustomers { get; private set; }

    public void Add(in FirstPurchaseFacts facts)
    {
        Customers++;
        if (facts.IsRepeat) RepeatCustomers++;
        for (var w = 0; w < _judged.Length; w++)
        {
            if (!facts.IsJudgedForDays(w)) continue;
            _judged[w]++;
            if (facts.OrderedAgainWithin(w)) _again[w]++;
        }
        for (var m = 0; m < _clvSum.Length; m++)
        {
            if (!facts.IsJudgedForMonths(m)) continue;
            _clvCustomers[m]++;
            _clvSum[m] += facts.ClvAtMonths(m);
        }
    }

    /// <summary>A member's predicted CLV: added once the forecast is made, after the ledger's pass (<see cref="DimensionCounts"/>).</summary>
    public void AddPredicted(double predictedClv)
    {
        _predicted++;
        _predictedSum += predictedClv;
    }

    public FirstPurchaseCohort ToRow(FirstPurchaseDimension dimension, int rank, string value, string? title, bool isOther, FirstPurchaseCut cut) =>
        new(dimension.Name(), rank, value, title, isOther, Customers, RepeatCustomers, Metrics.Ratio.Of(RepeatCustomers, Customers),
            [.. _judged.Select((judged, w) => new WindowShare(judged, _again[w], Metrics.Ratio.Of(_again[w], judged)))],
            [.. _clvSum.Select((sum, m) => new ClvAverage(_clvCustomers[m], Metrics.Ratio.Average(sum, _clvCustomers[m])))],
            _predicted, _predicted == 0 ? null : _predictedSum / _predicted, cut);
}
