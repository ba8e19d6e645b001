using Retention.Core.Ledger;

namespace Retention.Core.Dimensions;

/// <summary>
/// The products met in a night's first and second orders, each given a dense number so that pairs and per-product
/// counts are arrays and long keys, not strings; with the first line title met for each, for people.
/// </summary>
internal sealed class ProductIndex
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly List<string?> _titles = [];

    public int Count => _ids.Count;

    public string IdOf(int number) => _ids[number];

    public int NumberOf(in LedgerLine line)
    {
        if (_numbers.TryGetValue(line.ProductId, out var number))
        {
            if (_titles[number] is null && line.Title is not null) _titles[number] = line.Title;
            return number;
        }
        number = _ids.Count;
        _numbers.Add(line.ProductId, number);
        _ids.Add(line.ProductId);
        _titles.Add(line.Title);
        return number;
    }

    /// <summary>The first title a line gave the product, null when none did (or the id is no product of the night).</summary>
    public string? LineTitleOf(string productId) => _numbers.TryGetValue(productId, out var number) ? _titles[number] : null;
}
