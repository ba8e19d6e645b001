using Retention.Core.Orders;

namespace Retention.Core.Ledger;

/// <summary>
/// The facets of every order of one ledger, one order after another in a single array of numbers of the ledger's
/// <see cref="LedgerStrings"/>: a million orders' products, channels, codes and countries are two objects, not
/// millions, so reading, folding, writing and collecting the ledger stay close to what they cost without facets.
/// (bench nightly, 1,000,000 orders with 2.5 lines each: an object and arrays per order made reading the ledger 3.5×
/// and writing it 3× slower than without facets; see docs/benchmarks.md.) Only what a figure reads is kept: each order's
/// distinct products with a title, not its lines' quantities and amounts.
/// </summary>
public sealed class LedgerFacetData
{
    /// <summary>Where an order without facets is: nowhere.</summary>
    public const int NoFacets = -1;

    private int[] _numbers;
    private int _length;

    public LedgerFacetData() : this(new LedgerStrings(), new int[256], 0)
    {
    }

    private LedgerFacetData(LedgerStrings strings, int[] numbers, int length)
    {
        Strings = strings;
        _numbers = numbers;
        _length = length;
    }

    public LedgerStrings Strings { get; }

    public LedgerFacets At(int at) => at == NoFacets ? default : new LedgerFacets(this, at);

    internal int NumberAt(int index) => _numbers[index];

    /// <summary>The same facets and strings, to be added to without changing these: what a fold starts from.</summary>
    public LedgerFacetData Copy()
    {
        var numbers = new int[Math.Max(256, _length + _length / 64)];
        Array.Copy(_numbers, numbers, _length);
        return new LedgerFacetData(Strings.Copy(), numbers, _length);
    }

    /// <summary>Keeps the order's facets and says where; <see cref="NoFacets"/> when it carries none.</summary>
    public int Add(NormalizedOrder order)
    {
        if (order.Lines.Count == 0 && order.Channel == OrderChannel.Unknown && order.DiscountCodes.Count == 0 && order.Country is null)
            return NoFacets;
        var at = Start();
        Push(Strings.NumberOf(order.Channel.Label));
        Push(Strings.NumberOfOrNone(order.Country));
        Push(order.DiscountCodes.Count);
        foreach (var code in order.DiscountCodes) Push(Strings.NumberOf(code));
        var countAt = _length;
        Push(0);
        foreach (var line in order.Lines)
        {
            var product = Strings.NumberOf(line.ProductId);
            var title = Strings.NumberOfOrNone(line.Title);
            var seen = countAt + 1;
            while (seen < _length && _numbers[seen] != product) seen += 2;
            if (seen == _length)
            {
                Push(product);
                Push(title);
                _numbers[countAt]++;
            }
            else if (_numbers[seen + 1] == LedgerStrings.None)
                _numbers[seen + 1] = title;
        }
        return at;
    }

    /// <summary>Room for <paramref name="numbers"/> more numbers, in one allocation (a file read knows how many it will push).</summary>
    internal void Reserve(int numbers)
    {
        if (_length + numbers > _numbers.Length) Array.Resize(ref _numbers, _length + numbers);
    }

    /// <summary>Where the next order's facets begin, for the ledger file to <see cref="Push"/> them as it reads them.</summary>
    internal int Start() => _length;

    internal void Push(int number)
    {
        // Grown by half, not doubled: at millions of orders this is the largest array of the ledger.
        if (_length == _numbers.Length) Array.Resize(ref _numbers, _numbers.Length + _numbers.Length / 2);
        _numbers[_length++] = number;
    }
}
