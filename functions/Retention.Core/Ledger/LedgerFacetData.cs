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

    // The numbers as 16-bit values while every one fits (a shop of fewer than 65,535 distinct product ids, titles, codes,
    // channels and countries: all but those with a unique code a customer), widened to 32 bits for good the first time one
    // does not. They are about nine an order, the ledger's largest array: at 4,000,000 orders 150 MB as ints.
    private const ushort NarrowNone = ushort.MaxValue;
    private ushort[]? _narrow;
    private int[]? _wide;
    private int _length;

    public LedgerFacetData() : this(new LedgerStrings(), new ushort[256], null, 0)
    {
    }

    private LedgerFacetData(LedgerStrings strings, ushort[]? narrow, int[]? wide, int length)
    {
        Strings = strings;
        (_narrow, _wide) = (narrow, wide);
        _length = length;
    }

    public LedgerStrings Strings { get; }

    /// <summary>The numbers are kept in 16 bits (every one so far fits).</summary>
    internal bool IsNarrow => _narrow is not null;

    public LedgerFacets At(int at) => at == NoFacets ? default : new LedgerFacets(this, at);

    internal int NumberAt(int index)
    {
        if (_narrow is null) return _wide![index];
        var number = _narrow[index];
        return number == NarrowNone ? LedgerStrings.None : number;
    }

    private int Capacity => _narrow?.Length ?? _wide!.Length;

    private void Set(int index, int number)
    {
        if (_narrow is not null)
        {
            if (number == LedgerStrings.None) _narrow[index] = NarrowNone;
            else if ((uint)number < NarrowNone) _narrow[index] = (ushort)number;
            else
            {
                Widen();
                _wide![index] = number;
            }
        }
        else _wide![index] = number;
    }

    private void Widen()
    {
        var wide = new int[_narrow!.Length];
        for (var i = 0; i < _length; i++) wide[i] = NumberAt(i);
        (_wide, _narrow) = (wide, null);
    }

    /// <summary>The same facets and strings, to be added to without changing these: what a fold starts from.</summary>
    public LedgerFacetData Copy()
    {
        var size = Math.Max(256, _length + _length / 64);
        if (_narrow is not null)
        {
            var narrow = new ushort[size];
            Array.Copy(_narrow, narrow, _length);
            return new LedgerFacetData(Strings.Copy(), narrow, null, _length);
        }
        var wide = new int[size];
        Array.Copy(_wide!, wide, _length);
        return new LedgerFacetData(Strings.Copy(), null, wide, _length);
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
            while (seen < _length && NumberAt(seen) != product) seen += 2;
            if (seen == _length)
            {
                Push(product);
                Push(title);
                Set(countAt, NumberAt(countAt) + 1);
            }
            else if (NumberAt(seen + 1) == LedgerStrings.None)
                Set(seen + 1, title);
        }
        return at;
    }

    /// <summary>Room for <paramref name="numbers"/> more numbers, in one allocation (a file read knows how many it will push).</summary>
    internal void Reserve(int numbers)
    {
        if (_length + numbers > Capacity) Resize(_length + numbers);
    }

    /// <summary>Where the next order's facets begin, for the ledger file to <see cref="Push"/> them as it reads them.</summary>
    internal int Start() => _length;

    internal void Push(int number)
    {
        // Grown by half, not doubled: at millions of orders this is the largest array of the ledger.
        if (_length == Capacity) Resize(Capacity + Capacity / 2);
        Set(_length++, number);
    }

    private void Resize(int size)
    {
        if (_narrow is not null) Array.Resize(ref _narrow, size);
        else Array.Resize(ref _wide, size);
    }
}
