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

    /// <summary>Ids added one by one, in the ledger's order, into arrays of the size given (grown if it was too small).</summary>
    public sealed class Builder(int ids, int characters)
    {
        private char[] _characters = new char[Math.Max(16, characters)];
        private int[] _starts = new int[ids + 1];
        private int _count, _length;

        public int Count => _count;

        public void Add(ReadOnlySpan<char> id)
        {
            if (_count + 1 == _starts.Length) Array.Resize(ref _starts, _starts.Length + _starts.Length / 2 + 16);
            if (_length + id.Length > _characters.Length)
                Array.Resize(ref _characters, Math.Max(_length + id.Length, _characters.Length + _characters.Length / 2));
            id.CopyTo(_characters.AsSpan(_length));
            _length += id.Length;
            _starts[++_count] = _length;
        }

        /// <summary>The ids added; the arrays are trimmed only when more than a few percent too large.</summary>
        public LedgerOrderIds Build()
        {
            var starts = _starts;
            if (starts.Length != _count + 1) Array.Resize(ref starts, _count + 1);
            var characters = _characters;
            if (characters.Length - _length > characters.Length / 32) Array.Resize(ref characters, _length);
            return new LedgerOrderIds(characters, starts);
        }
    }
}
