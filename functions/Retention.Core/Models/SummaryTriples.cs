namespace Retention.Core.Models;

/// <summary>
/// Customers folded into their distinct (x, t_x, T) triples, each with the number of customers that share it: the
/// likelihood of the BG/NBD and Pareto/NBD depends on a customer only through the triple, so a fit or a prediction
/// costs one evaluation per triple, not per customer. With days as the resolution of the data a shop of a million
/// customers has far fewer triples; the distinct t_x and T values (one per day) are indexed too, so that
/// ln(α + T) and ln(α + t_x) are computed once per value and evaluation.
/// </summary>
public sealed class SummaryTriples
{
    private SummaryTriples(int[] x, double[] tx, double[] t, double[] weight, int[] tripleOfCustomer)
    {
        X = x;
        Tx = tx;
        T = t;
        Weight = weight;
        TripleOfCustomer = tripleOfCustomer;
        (DistinctTx, TxIndex) = Index(tx);
        (DistinctT, TIndex) = Index(t);
        MaxX = x.Length == 0 ? 0 : x.Max();
        foreach (var w in weight) Customers += w;
    }

    public int Count => X.Length;

    /// <summary>The number of customers (the sum of the weights).</summary>
    public double Customers { get; }

    public int[] X { get; }
    public double[] Tx { get; }
    public double[] T { get; }

    /// <summary>Customers sharing each triple.</summary>
    public double[] Weight { get; }

    /// <summary>For each customer of the summaries, the index of its triple.</summary>
    public int[] TripleOfCustomer { get; }

    public int MaxX { get; }
    internal double[] DistinctTx { get; }
    internal int[] TxIndex { get; }
    internal double[] DistinctT { get; }
    internal int[] TIndex { get; }

    internal static SummaryTriples Of(int[] x, double[] tx, double[] t)
    {
        var index = new Dictionary<(int, double, double), int>();
        var tripleOf = new int[x.Length];
        var xs = new List<int>();
        var txs = new List<double>();
        var ts = new List<double>();
        var weights = new List<double>();
        for (var i = 0; i < x.Length; i++)
        {
            var key = (x[i], tx[i], t[i]);
            if (!index.TryGetValue(key, out var k))
            {
                k = xs.Count;
                index.Add(key, k);
                xs.Add(x[i]);
                txs.Add(tx[i]);
                ts.Add(t[i]);
                weights.Add(0);
            }
            weights[k]++;
            tripleOf[i] = k;
        }
        return new SummaryTriples([.. xs], [.. txs], [.. ts], [.. weights], tripleOf);
    }

    /// <summary>Triples given as such, with their weights (tests, the Hessian of a fit).</summary>
    public static SummaryTriples FromWeighted(int[] x, double[] tx, double[] t, double[] weight) =>
        new(x, tx, t, weight, Enumerable.Range(0, x.Length).ToArray());

    private static (double[] Values, int[] Index) Index(double[] values)
    {
        var map = new Dictionary<double, int>();
        var index = new int[values.Length];
        var distinct = new List<double>();
        for (var i = 0; i < values.Length; i++)
        {
            if (!map.TryGetValue(values[i], out var k))
            {
                k = distinct.Count;
                map.Add(values[i], k);
                distinct.Add(values[i]);
            }
            index[i] = k;
        }
        return ([.. distinct], index);
    }
}
