namespace Retention.Core.Ledger;

/// <summary>
/// The order ids of one ledger, one after another in a single character pool: ten million orders' ids are two arrays,
/// not ten million strings (a string of 8 to 13 characters is 38 to 48 bytes and a reference; here it is its characters
/// and an offset). Compared as <see cref="string.CompareOrdinal(string, string)"/> compares strings (UTF-16 code units),
/// so the ledger's order is the one a sort of the strings gives; looked up without making a string
/// (<see cref="HashSet{T}.GetAlternateLookup{TAlternate}"/> on the characters).
/// </summary>
public sealed class LedgerOrderIds
{
    private readonly char[] _characters;
    private readonly int[] _starts;

    private LedgerOrderIds(char[] characters, int[] starts)
    {
        _characters = characters;
        _starts = starts;
    }

    public int Count => _starts.Length - 1;

    /// <summary>The characters of every id together.</summary>
    public int Characters => _starts[^1];

    public ReadOnlySpan<char> this[int index] => _characters.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    public string StringAt(int index) => new(this[index]);

    /// <summary>
    /// Ids added one by one, in the ledger's order, into arrays of exactly the size given: every caller knows it (a build
    /// and a fold count it, a ledger file records it), so an id too many or a size not filled is a damaged file.
    /// </summary>
    public sealed class Builder(int ids, int characters)
    {
        private readonly char[] _characters = new char[characters];
        private readonly int[] _starts = new int[ids + 1];
        private int _count, _length;

        public void Add(ReadOnlySpan<char> id)
        {
            if (_count + 1 == _starts.Length || _length + id.Length > _characters.Length)
                throw new InvalidDataException($"the order ids exceed the {_starts.Length - 1} ids and {_characters.Length} characters they were sized for");
            id.CopyTo(_characters.AsSpan(_length));
            _length += id.Length;
            _starts[++_count] = _length;
        }

        public LedgerOrderIds Build() => _count + 1 == _starts.Length && _length == _characters.Length
            ? new LedgerOrderIds(_characters, _starts)
            : throw new InvalidDataException($"{_count} order ids of {_length} characters, not the {_starts.Length - 1} and {_characters.Length} they were sized for");
    }
}
