namespace Retention.Core.Models;

/// <summary>
/// Customers folded into their distinct (x, t_x, T) triples, each with the number of customers that share it: the
/// likelihood of the BG/NBD and Pareto/NBD depends on a customer only through the triple, so a fit or a prediction
/// costs one evaluation per triple, not per customer. With days as the resolution of the data a shop of a million
/// customers has far fewer triples. The columns are named by the papers' symbols:
/// <see cref="X"/> is x, <see cref="Tx"/> is t_x and <see cref="T"/> is T, the customer's age (never a forecast horizon).
/// </summary>
public sealed class SummaryTriples
{
    private SummaryTriples(int[] x, double[] tx, double[] age, double[] weight, int[] tripleOfCustomer)
    {
        X = x;
        Tx = tx;
        T = age;
        Weight = weight;
        TripleOfCustomer = tripleOfCustomer;
        MaxX = x.Length == 0 ? 0 : x.Max();
        foreach (var w in weight) Customers += w;
    }

    public int Count => X.Length;

    /// <summary>The number of customers (the sum of the weights).</summary>
    public double Customers { get; }

    /// <summary>x: each triple's repeat purchases.</summary>
    public int[] X { get; }

    /// <summary>t_x: each triple's time of the last purchase, from the first.</summary>
    public double[] Tx { get; }

    /// <summary>T: each triple's age, from the first purchase to the calibration end.</summary>
    public double[] T { get; }

    /// <summary>Customers sharing each triple.</summary>
    public double[] Weight { get; }

    /// <summary>For each customer of the summaries, the index of its triple.</summary>
    public int[] TripleOfCustomer { get; }

    public int MaxX { get; }

    internal static SummaryTriples Of(int[] x, double[] tx, double[] age)
    {
        var index = new Dictionary<(int, double, double), int>();
        var tripleOf = new int[x.Length];
        var xs = new List<int>();
        var txs = new List<double>();
        var ages = new List<double>();
        var weights = new List<double>();
        for (var i = 0; i < x.Length; i++)
        {
            var key = (x[i], tx[i], age[i]);
            if (!index.TryGetValue(key, out var k))
            {
                k = xs.Count;
                index.Add(key, k);
                xs.Add(x[i]);
                txs.Add(tx[i]);
                ages.Add(age[i]);
                weights.Add(0);
            }
            weights[k]++;
            tripleOf[i] = k;
        }
        return new SummaryTriples([.. xs], [.. txs], [.. ages], [.. weights], tripleOf);
    }

    /// <summary>Triples given as such, with their weights (tests, the Hessian of a fit).</summary>
    public static SummaryTriples FromWeighted(int[] x, double[] tx, double[] age, double[] weight) =>
        new(x, tx, age, weight, Enumerable.Range(0, x.Length).ToArray());
}
