using System.Text;

namespace Retention.Core.Ledger;

/// <summary>
/// The order ids of one ledger, one after another in a single pool: ten million orders' ids are two arrays, not ten
/// million strings (a string of 8 to 13 characters is 38 to 48 bytes and a reference; here it is its characters and an
/// offset). A byte a character while every character is below U+0100 (platforms' order ids are digits, letters and
/// dashes), widened to UTF-16 for good the first time one is not: at 10,000,000 orders of 15-character ids the pool is
/// 143 MiB instead of 286, in each of the two ledgers a fold holds (bench night-child).
/// Compared as <see cref="string.CompareOrdinal(string, string)"/> compares strings (UTF-16 code units: a byte of the
/// narrow pool is the code unit), so the ledger's order is the one a sort of the strings gives.
/// </summary>
public sealed class LedgerOrderIds
{
    private readonly byte[]? _narrow;
    private readonly char[]? _wide;
    private readonly int[] _starts;

    private LedgerOrderIds(byte[]? narrow, char[]? wide, int[] starts)
    {
        (_narrow, _wide) = (narrow, wide);
        _starts = starts;
    }

    public int Count => _starts.Length - 1;

    /// <summary>The characters of every id together.</summary>
    public int Characters => _starts[^1];

    public int LengthOf(int index) => _starts[index + 1] - _starts[index];

    /// <summary>Id <paramref name="index"/>'s characters, in <paramref name="buffer"/> (made larger when it is too small).</summary>
    public ReadOnlySpan<char> Read(int index, ref char[] buffer)
    {
        var length = LengthOf(index);
        if (length > buffer.Length) buffer = new char[Math.Max(length, 2 * buffer.Length)];
        if (_wide is not null) _wide.AsSpan(_starts[index], length).CopyTo(buffer);
        else Encoding.Latin1.GetChars(_narrow.AsSpan(_starts[index], length), buffer);
        return buffer.AsSpan(0, length);
    }

    public string StringAt(int index) => _wide is not null
        ? new string(_wide.AsSpan(_starts[index], LengthOf(index)))
        : Encoding.Latin1.GetString(_narrow!, _starts[index], LengthOf(index));

    /// <summary>Id <paramref name="index"/> against <paramref name="other"/>: negative, zero or positive, as <see cref="string.CompareOrdinal(string, string)"/>.</summary>
    public int CompareTo(int index, ReadOnlySpan<char> other)
    {
        if (_wide is not null) return _wide.AsSpan(_starts[index], LengthOf(index)).SequenceCompareTo(other);
        var id = _narrow.AsSpan(_starts[index], LengthOf(index));
        var common = Math.Min(id.Length, other.Length);
        for (var k = 0; k < common; k++)
            if (id[k] != other[k]) return id[k] - other[k];
        return id.Length - other.Length;
    }

    /// <summary>
    /// Ids added one by one, in the ledger's order, into arrays of exactly the size given: every caller knows it (a build
    /// and a fold count it, a ledger file records it), so an id too many or a size not filled is a damaged file.
    /// </summary>
    public sealed class Builder(int ids, int characters)
    {
        private byte[]? _narrow = new byte[characters];
        private char[]? _wide;
        private readonly int[] _starts = new int[ids + 1];
        private char[] _buffer = new char[64];
        private int _count, _length;

        public void Add(ReadOnlySpan<char> id)
        {
            Reserve(id.Length);
            if (_narrow is not null && id.ContainsAnyInRange((char)0x100, char.MaxValue)) Widen();
            if (_wide is not null) id.CopyTo(_wide.AsSpan(_length));
            else Encoding.Latin1.GetBytes(id, _narrow.AsSpan(_length));
            End(id.Length);
        }

        /// <summary>Id <paramref name="index"/> of <paramref name="source"/>: its bytes copied when both pools are narrow (a fold's kept orders, nearly always).</summary>
        public void Add(LedgerOrderIds source, int index)
        {
            if (_narrow is null || source._narrow is null)
            {
                Add(source.Read(index, ref _buffer));
                return;
            }
            var length = source.LengthOf(index);
            Reserve(length);
            source._narrow.AsSpan(source._starts[index], length).CopyTo(_narrow.AsSpan(_length));
            End(length);
        }

        private void Reserve(int length)
        {
            if (_count + 1 == _starts.Length || _length + length > (_narrow?.Length ?? _wide!.Length))
                throw new InvalidDataException($"the order ids exceed the {_starts.Length - 1} ids and {_narrow?.Length ?? _wide!.Length} characters they were sized for");
        }

        private void End(int length)
        {
            _length += length;
            _starts[++_count] = _length;
        }

        private void Widen()
        {
            var wide = new char[_narrow!.Length];
            Encoding.Latin1.GetChars(_narrow.AsSpan(0, _length), wide);
            (_wide, _narrow) = (wide, null);
        }

        public LedgerOrderIds Build()
        {
            var size = _narrow?.Length ?? _wide!.Length;
            return _count + 1 == _starts.Length && _length == size
                ? new LedgerOrderIds(_narrow, _wide, _starts)
                : throw new InvalidDataException($"{_count} order ids of {_length} characters, not the {_starts.Length - 1} and {size} they were sized for");
        }
    }
}
