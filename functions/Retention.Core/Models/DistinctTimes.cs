namespace Retention.Core.Models;

/// <summary>
/// The distinct values of T and of t_x among the triples, and which one each triple has: whole days in a time unit
/// give a few hundred of each, so ln(α+t) is taken once per value and evaluation instead of twice per triple
/// (<see cref="BgNbdFitter"/>, <see cref="MbgNbdFitter"/>: their likelihoods depend on a time only through α+t).
/// </summary>
internal sealed class DistinctTimes
{
    public DistinctTimes(SummaryTriples triples)
    {
        (Ages, AgeOf) = Index(triples.T);
        (LastPurchases, LastPurchaseOf) = Index(triples.Tx);
    }

    public double[] Ages { get; }
    public int[] AgeOf { get; }
    public double[] LastPurchases { get; }
    public int[] LastPurchaseOf { get; }

    private static (double[] Values, int[] IndexOf) Index(double[] times)
    {
        var positions = new Dictionary<double, int>();
        var index = new int[times.Length];
        for (var i = 0; i < times.Length; i++)
        {
            if (!positions.TryGetValue(times[i], out var position))
            {
                position = positions.Count;
                positions.Add(times[i], position);
            }
            index[i] = position;
        }
        var values = new double[positions.Count];
        foreach (var (value, position) in positions) values[position] = value;
        return (values, index);
    }
}
