namespace Retention.Core.Dimensions;

/// <summary>
/// Of the customers with a second order, how many had <see cref="FirstProductId"/> in their first order and
/// <see cref="SecondProductId"/> in their second (<c>docs/metrics.md</c>, "Product journey").
/// </summary>
/// <param name="FirstProductRepeatCustomers">Customers whose first order contained the first product and who have a second purchase.</param>
/// <param name="Share">Customers / FirstProductRepeatCustomers.</param>
public sealed record ProductPair(int Rank, string FirstProductId, string FirstProductTitle, string SecondProductId, string SecondProductTitle,
    int Customers, int FirstProductRepeatCustomers, decimal? Share);

/// <summary>
/// How often a product's first buyers buy it again in their second order: the products that are replenished.
/// </summary>
/// <param name="FirstOrderCustomers">Customers whose first order contained the product.</param>
/// <param name="RepeatCustomers">Of those, customers with a second purchase.</param>
/// <param name="RepurchasedCustomers">Of those, customers whose second order contained the product again.</param>
/// <param name="RepurchaseRate">RepurchasedCustomers / RepeatCustomers.</param>
public sealed record ProductRepurchase(int Rank, string ProductId, string Title, int FirstOrderCustomers, int RepeatCustomers,
    int RepurchasedCustomers, decimal? RepurchaseRate);

/// <summary>
/// The product journey, customer by customer: which distinct products were in the first order, which in the second,
/// and each (first, second) pair counted once per customer.
/// </summary>
internal sealed class ProductJourney
{
    /// <summary>How many pairs, and how many products' repurchase rates, the night keeps.</summary>
    public const int TopPairs = 50;
    public const int TopProducts = 50;

    private readonly ProductIndex _products;
    // A long's own hash is its halves XORed: first ^ second, at most a few thousand values for millions of pairs, which
    // made counting the pairs take 13 s of a 1,000,000-order night (bench nightly). Mixed, the same count takes a blink.
    private readonly Dictionary<long, int> _pairs = new(PairKeys.Instance);
    private readonly List<int> _firstOrderCustomers = [];
    private readonly List<int> _repeatCustomers = [];
    private readonly List<int> _repurchased = [];
    // The customer (a running number) whose first / second order last held each product: distinct products without a set.
    private readonly List<int> _inFirst = [];
    private readonly List<int> _inSecond = [];
    private readonly List<int> _first = [];
    private readonly List<int> _second = [];
    private int _customer;

    public ProductJourney(ProductIndex products) => _products = products;

    /// <summary>Starts the next customer: the products of their first order follow, then those of their second.</summary>
    public void StartCustomer()
    {
        _customer++;
        _first.Clear();
        _second.Clear();
    }

    public void AddFirst(int product)
    {
        Grow(product);
        if (_inFirst[product] == _customer) return;
        _inFirst[product] = _customer;
        _first.Add(product);
        _firstOrderCustomers[product]++;
    }

    public void AddSecond(int product)
    {
        Grow(product);
        if (_inSecond[product] == _customer) return;
        _inSecond[product] = _customer;
        _second.Add(product);
    }

    /// <summary>Counts the customer's pairs; <paramref name="hasSecond"/>: the customer has a second purchase, with lines or not.</summary>
    public void EndCustomer(bool hasSecond)
    {
        if (!hasSecond) return;
        foreach (var first in _first)
        {
            _repeatCustomers[first]++;
            if (_inSecond[first] == _customer) _repurchased[first]++;
            foreach (var second in _second)
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_pairs, ((long)first << 32) | (uint)second, out _)++;
        }
    }

    public List<ProductPair> Pairs(Func<string, string?, string> title)
    {
        int Order(KeyValuePair<long, int> x, KeyValuePair<long, int> y)
        {
            var byCustomers = y.Value.CompareTo(x.Value);
            if (byCustomers != 0) return byCustomers;
            var byFirst = string.CompareOrdinal(_products.IdOf((int)(x.Key >> 32)), _products.IdOf((int)(y.Key >> 32)));
            return byFirst != 0 ? byFirst : string.CompareOrdinal(_products.IdOf((int)x.Key), _products.IdOf((int)y.Key));
        }
        // The first TopPairs in that order, kept sorted as the pairs go by, instead of sorting every pair (millions at
        // 10,000,000 orders, each comparison of a tie two id lookups) for fifty of them.
        var top = new List<KeyValuePair<long, int>>(TopPairs + 1);
        var order = Comparer<KeyValuePair<long, int>>.Create(Order);
        foreach (var pair in _pairs)
        {
            if (top.Count == TopPairs && Order(pair, top[^1]) >= 0) continue;
            var at = top.BinarySearch(pair, order);
            top.Insert(at < 0 ? ~at : at, pair);
            if (top.Count > TopPairs) top.RemoveAt(TopPairs);
        }
        var rows = new List<ProductPair>(top.Count);
        foreach (var (key, customers) in top)
        {
            int first = (int)(key >> 32), second = (int)key;
            string firstId = _products.IdOf(first), secondId = _products.IdOf(second);
            rows.Add(new ProductPair(rows.Count + 1, firstId, title(firstId, _products.LineTitleOf(firstId)), secondId,
                title(secondId, _products.LineTitleOf(secondId)), customers, _repeatCustomers[first],
                Metrics.Ratio.Of(customers, _repeatCustomers[first])));
        }
        return rows;
    }

    public List<ProductRepurchase> Repurchases(Func<string, string?, string> title)
    {
        var products = Enumerable.Range(0, _firstOrderCustomers.Count).Where(p => _firstOrderCustomers[p] > 0).ToList();
        products.Sort((x, y) =>
        {
            var byCustomers = _firstOrderCustomers[y].CompareTo(_firstOrderCustomers[x]);
            return byCustomers != 0 ? byCustomers : string.CompareOrdinal(_products.IdOf(x), _products.IdOf(y));
        });
        var rows = new List<ProductRepurchase>(Math.Min(TopProducts, products.Count));
        foreach (var p in products.Take(TopProducts))
        {
            var id = _products.IdOf(p);
            rows.Add(new ProductRepurchase(rows.Count + 1, id, title(id, _products.LineTitleOf(id)), _firstOrderCustomers[p], _repeatCustomers[p],
                _repurchased[p], Metrics.Ratio.Of(_repurchased[p], _repeatCustomers[p])));
        }
        return rows;
    }

    private void Grow(int product)
    {
        while (_inFirst.Count <= product)
        {
            _inFirst.Add(0);
            _inSecond.Add(0);
            _firstOrderCustomers.Add(0);
            _repeatCustomers.Add(0);
            _repurchased.Add(0);
        }
    }
}

/// <summary>Hashes a (first, second) product pair's key by a multiplicative mix of all its bits (Fibonacci hashing).</summary>
internal sealed class PairKeys : IEqualityComparer<long>
{
    public static PairKeys Instance { get; } = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 32);
}
