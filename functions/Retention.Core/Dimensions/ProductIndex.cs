using Retention.Core.Ledger;

namespace Retention.Core.Dimensions;

/// <summary>
/// The products met in a night's first and second orders, each given a dense number so that pairs and per-product
/// counts are arrays and long keys, not strings; with the first line title met for each, for people. A product is
/// found by its number in the ledger's strings: an array index, no string hashed.
/// </summary>
internal sealed class ProductIndex
{
    private readonly LedgerStrings _strings;
    private readonly int[] _dense;
    private readonly List<string> _ids = [];
    private readonly List<string?> _titles = [];

    public ProductIndex(LedgerStrings strings)
    {
        _strings = strings;
        _dense = new int[strings.Count];
        Array.Fill(_dense, -1);
    }

    public int Count => _ids.Count;

    public string IdOf(int number) => _ids[number];

    /// <summary>The dense number of the order's product at <paramref name="index"/>.</summary>
    public int NumberOf(in LedgerFacets facets, int index)
    {
        var inLedger = facets.ProductNumberAt(index);
        var number = _dense[inLedger];
        if (number >= 0)
        {
            if (_titles[number] is null) _titles[number] = facets.ProductTitleAt(index);
            return number;
        }
        number = _ids.Count;
        _dense[inLedger] = number;
        _ids.Add(_strings[inLedger]);
        _titles.Add(facets.ProductTitleAt(index));
        return number;
    }

    /// <summary>The first title a line gave the product, null when none did (or the id is no product of the night).</summary>
    public string? LineTitleOf(string productId) =>
        _strings.TryGetNumber(productId, out var inLedger) && _dense[inLedger] is var number and >= 0 ? _titles[number] : null;
}
