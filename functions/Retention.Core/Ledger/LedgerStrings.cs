namespace Retention.Core.Ledger;

/// <summary>
/// Every distinct string of one ledger's facets (product ids and titles, channels, codes, countries), each once and
/// known by its number: the facets hold numbers, so a night compares and indexes products without hashing a string,
/// and the ledger file writes each string once. Numbers only ever grow (a copy keeps them), so a ledger folded from
/// another keeps every number its orders already hold. Owned by one ledger (no shared pool): a shop's product ids
/// are not kept past its night.
/// </summary>
public sealed class LedgerStrings
{
    /// <summary>The number of no string (a line without a title, an order without a country).</summary>
    public const int None = -1;

    private readonly List<string> _values;
    private readonly Dictionary<string, int> _numbers;

    public LedgerStrings()
    {
        _values = [];
        _numbers = new Dictionary<string, int>(StringComparer.Ordinal);
    }

    private LedgerStrings(List<string> values, Dictionary<string, int> numbers)
    {
        _values = values;
        _numbers = numbers;
    }

    public int Count => _values.Count;

    public string this[int number] => _values[number];

    /// <summary>The string's number, given it the first time it is met.</summary>
    public int NumberOf(string value)
    {
        if (_numbers.TryGetValue(value, out var number)) return number;
        number = _values.Count;
        _numbers.Add(value, number);
        _values.Add(value);
        return number;
    }

    /// <summary>The string's number when the ledger has it; nothing is added.</summary>
    public bool TryGetNumber(string value, out int number) => _numbers.TryGetValue(value, out number);

    public int NumberOfOrNone(string? value) => value is null ? None : NumberOf(value);

    public string? OrNull(int number) => number == None ? null : _values[number];

    /// <summary>The same numbers, to be added to without changing this one.</summary>
    public LedgerStrings Copy() => new([.. _values], new Dictionary<string, int>(_numbers, StringComparer.Ordinal));
}
