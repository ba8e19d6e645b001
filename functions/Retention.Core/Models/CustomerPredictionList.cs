using Retention.Core.Customers;

namespace Retention.Core.Models;

/// <summary>
/// Every customer's <see cref="CustomerPrediction"/> of one night, in ordinal key order, kept as columns: per customer
/// the key, z̄ (for the spend model) and their triple; per distinct (x, t_x, T) triple its figures
/// (<see cref="TripleFigures"/>: P(alive), the expected purchases over 30, 90 and 365 days and the horizon, the 80 %
/// interval, the next order's date). The predictions live through the whole night (the retention figures, the datasets,
/// the exports): as a record a customer they were 152 bytes and a reference each, about 300 MiB of the heap at 2,000,000
/// customers (bench night-child, 10,000,000 orders: beside the RFM scores and customer values they set the compute's
/// peak); as columns about 20 bytes a customer. A record is made when one is read; <see cref="At"/> reads the fields
/// without it, as the walks over every customer do (made, 2,000,000 records took 0.5 s a walk, in the GC's collections).
/// </summary>
public sealed class CustomerPredictionList : IReadOnlyList<CustomerPrediction>, ICustomerKeyList
{
    private readonly string[]? _keys;
    private readonly double[] _monetary;
    private readonly int[] _tripleOf;
    private readonly TripleFigures[] _figures;

    private CustomerPredictionList(string[]? keys, double[] monetary, int[] tripleOf, TripleFigures[] figures, GammaGammaModel? spend, ChurnRiskBands bands,
        double margin, bool hasIntervals)
    {
        (_keys, _monetary, _tripleOf, _figures) = (keys, monetary, tripleOf, figures);
        (Spend, Bands, Margin, HasIntervals) = (spend, bands, margin, hasIntervals);
    }

    /// <summary>No customers: a night without a fitted forecast.</summary>
    public static CustomerPredictionList Empty { get; } = new(null, [], [], [], null, ChurnRiskBands.Default, 1, false);

    /// <param name="forecasts">the forecast's customers, whose columns the predictions keep.</param>
    /// <param name="expected">each triple's expected repeat purchases over 30, 90 and 365 days.</param>
    /// <param name="intervals">each triple's 10th and 90th percentile of purchases over the horizon; null without a predictive distribution.</param>
    internal static CustomerPredictionList Of(CustomerForecastList forecasts, (double Days30, double Days90, double Days365)[] expected,
        (int[] Low, int[] High)? intervals)
    {
        var (keys, monetary, predictions, spend, bands, margin) = forecasts.Columns;
        var triples = predictions.Triples;
        var figures = new TripleFigures[triples.Count];
        for (var k = 0; k < figures.Length; k++)
            figures[k] = new TripleFigures(predictions.ProbabilityAlive[k], predictions.ExpectedPurchases[k], predictions.DiscountedPurchases[k],
                expected[k].Days30, expected[k].Days90, expected[k].Days365, triples.X[k], intervals?.Low[k] ?? -1, intervals?.High[k] ?? -1,
                forecasts.NextOrderByOfTriple(k)?.DayNumber ?? -1);
        return new CustomerPredictionList(keys, monetary, triples.TripleOfCustomer, figures, spend, bands, margin, intervals is not null);
    }

    public int Count => _tripleOf.Length;

    internal GammaGammaModel? Spend { get; }
    internal ChurnRiskBands Bands { get; }
    internal double Margin { get; }
    internal bool HasIntervals { get; }

    public string KeyAt(int index) => CustomerSummaries.KeyOf(_keys, index);

    internal double MonetaryAt(int index) => _monetary[index];

    internal ref readonly TripleFigures FiguresAt(int index) => ref _figures[_tripleOf[index]];

    /// <summary>Customer <paramref name="index"/>'s prediction, read field by field from the columns.</summary>
    public CustomerPredictionAt At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return new CustomerPredictionAt(this, index);
    }

    public CustomerPrediction this[int index] => At(index).ToRecord();

    public IEnumerator<CustomerPrediction> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
