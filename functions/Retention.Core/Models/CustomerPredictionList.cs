using Retention.Core.Customers;

namespace Retention.Core.Models;

/// <summary>
/// Every customer's <see cref="CustomerPrediction"/> of one night, in ordinal key order, kept as columns: the customers'
/// forecasts (<see cref="CustomerForecastList"/>) and, per distinct (x, t_x, T) triple, the expected purchases over 30, 90
/// and 365 days and the 80 % interval. The predictions live through the whole night (the retention figures, the datasets,
/// the exports): as a record a customer they were 152 bytes and a reference each, about 300 MiB of the heap at 2,000,000
/// customers (bench night-child, 10,000,000 orders: beside the RFM scores and customer values they set the compute's
/// peak); as columns about 20 bytes a customer. A record is made when one is read; <see cref="At"/> reads the fields
/// without it, as the walks over every customer do (made, 2,000,000 records took 0.5 s a walk, in the GC's collections).
/// </summary>
public sealed class CustomerPredictionList : IReadOnlyList<CustomerPrediction>, ICustomerKeyList
{
    private readonly CustomerForecastList? _forecasts;
    private readonly (double Days30, double Days90, double Days365)[] _expected;
    private readonly (int[] Low, int[] High)? _intervals;

    /// <param name="expected">each triple's expected repeat purchases over 30, 90 and 365 days.</param>
    /// <param name="intervals">each triple's 10th and 90th percentile of purchases over the horizon; null without a predictive distribution.</param>
    internal CustomerPredictionList(CustomerForecastList? forecasts, (double Days30, double Days90, double Days365)[] expected, (int[] Low, int[] High)? intervals) =>
        (_forecasts, _expected, _intervals) = (forecasts, expected, intervals);

    /// <summary>No customers: a night without a fitted forecast.</summary>
    public static CustomerPredictionList Empty { get; } = new(null, [], null);

    public int Count => _forecasts?.Count ?? 0;

    internal CustomerForecastList Forecasts => _forecasts ?? throw new ArgumentOutOfRangeException("index", "there are no predictions");

    public string KeyAt(int index) => Forecasts.KeyAt(index);

    /// <summary>Customer <paramref name="index"/>'s prediction, read field by field from the columns.</summary>
    public CustomerPredictionAt At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return new CustomerPredictionAt(this, index);
    }

    public CustomerPrediction this[int index] => At(index).ToRecord();

    internal (double Days30, double Days90, double Days365) ExpectedOfTriple(int triple) => _expected[triple];

    internal (int Low, int High)? IntervalOfTriple(int triple) => _intervals is var (low, high) ? (low[triple], high[triple]) : null;

    public IEnumerator<CustomerPrediction> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
