namespace Retention.Core.Dimensions;

/// <summary>
/// The first-purchase cohorts of one dimension, built customer by customer: each customer's values are counted once
/// (a first order with a product on three lines counts once under it), their facts added to each value's tally, and
/// the values remembered per customer so that the "other" row, known only once every customer has been seen, counts
/// a customer once however many of their values fall past the cut, and so that the forecast's predicted CLV, made after
/// the ledger has been let go, is added under the same values (<see cref="DimensionCounts"/>).
/// </summary>
/// <param name="customers">at most how many customers will be ended: the lists of members and starts are made that size once
/// (grown by doubling, each held twice while it was copied: bench nightly's dimension step set the compute's peak).</param>
internal sealed class FirstPurchaseCohorts(FirstPurchaseDimension dimension, int customers)
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    private readonly List<CohortTally> _tallies = [];
    // The customer (index + 1) that last counted each value: a value repeated within one customer counts once.
    private readonly List<int> _countedBy = [];
    private readonly List<int> _members = new(customers);
    private readonly List<int> _starts = new(customers + 1) { 0 };
    private int[]? _order;
    private int _kept;
    private bool[]? _isKept;
    private CohortTally? _other;

    public FirstPurchaseDimension Dimension => dimension;

    /// <summary>Counts <paramref name="value"/> for the customer being read (the <see cref="EndCustomer"/> calls so far).</summary>
    public void Count(string value)
    {
        if (!_ordinals.TryGetValue(value, out var ordinal))
        {
            ordinal = _values.Count;
            _ordinals.Add(value, ordinal);
            _values.Add(value);
            _tallies.Add(new CohortTally());
            _countedBy.Add(0);
        }
        var customer = _starts.Count;
        if (_countedBy[ordinal] == customer) return;
        _countedBy[ordinal] = customer;
        _members.Add(ordinal);
    }

    /// <summary>Adds the customer whose values were just counted to each of their values' tallies.</summary>
    public void EndCustomer(in FirstPurchaseFacts facts)
    {
        for (var i = _starts[^1]; i < _members.Count; i++) _tallies[_members[i]].Add(facts);
        _starts.Add(_members.Count);
    }

    /// <summary>
    /// After the last customer: the values ranked by customers (then by value), the cut, and
    /// the "other" row's tally of every customer with a value past it. What is left for the predicted CLV is the members.
    /// </summary>
    /// <param name="factsOf">A customer's facts, by the order they were ended (made again for the customers past the cut).</param>
    public void EndCounting(Func<int, FirstPurchaseFacts> factsOf)
    {
        var order = new int[_values.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var byCustomers = _tallies[y].Customers.CompareTo(_tallies[x].Customers);
            return byCustomers != 0 ? byCustomers : string.CompareOrdinal(_values[x], _values[y]);
        });
        _order = order;
        _kept = Math.Min(dimension.CutAfter(), order.Length);
        _isKept = new bool[_values.Count];
        for (var r = 0; r < _kept; r++) _isKept[order[r]] = true;
        if (_kept == order.Length) return;
        _other = new CohortTally();
        for (var c = 0; c + 1 < _starts.Count; c++)
            if (HasValuePastCut(c)) _other.Add(factsOf(c));
    }

    /// <summary>Customer <paramref name="customer"/> (in the order they were ended)'s predicted CLV, under each of their values once.</summary>
    public void AddPredicted(int customer, double predictedClv)
    {
        for (var i = _starts[customer]; i < _starts[customer + 1]; i++) _tallies[_members[i]].AddPredicted(predictedClv);
        if (_other is not null && HasValuePastCut(customer)) _other.AddPredicted(predictedClv);
    }

    private bool HasValuePastCut(int customer)
    {
        for (var i = _starts[customer]; i < _starts[customer + 1]; i++)
            if (!_isKept![_members[i]]) return true;
        return false;
    }

    /// <summary>The kept values by customers (ties by value, ordinal), then "other" when values were cut.</summary>
    public List<FirstPurchaseCohort> Rows(Func<string, string?> title)
    {
        var order = _order ?? throw new InvalidOperationException("the cohorts' counting has not ended");
        var cut = new FirstPurchaseCut(order.Length, _kept, dimension.CutAfter());
        var rows = new List<FirstPurchaseCohort>(_kept + 1);
        for (var r = 0; r < _kept; r++)
        {
            var value = _values[order[r]];
            rows.Add(_tallies[order[r]].ToRow(dimension, r + 1, value, title(value), isOther: false, cut));
        }
        if (_other is not null) rows.Add(_other.ToRow(dimension, _kept + 1, FirstPurchaseDimensions.Other, null, isOther: true, cut));
        return rows;
    }
}
