using System.Text;

namespace Retention.Core.Import;

/// <summary>
/// One record of a CSV file: its values, the physical line it starts on (1-based, for people to find it),
/// or the reason it could not be read. A broken record does not stop the file: the next record is read.
/// </summary>
public sealed record CsvRecord(long Line, IReadOnlyList<string> Values, string? Problem)
{
    /// <summary>Why the record cannot be an order row of a file with <paramref name="columns"/> columns, or null.</summary>
    public string? ShapeProblem(int columns) =>
        Problem is not null ? "not readable as CSV: " + Problem
        : Values.Count != columns ? $"has {Values.Count} value{(Values.Count == 1 ? "" : "s")} where the header has {columns} columns"
        : null;
}

/// <summary>
/// Reads RFC 4180 CSV: comma-separated values, records ended by CRLF, LF or CR, a value in double quotes may
/// hold commas, quotes (doubled) and line breaks. Lenient where nothing is ambiguous (a quote inside an
/// unquoted value is kept as a character; blank lines are skipped), strict where something is (text after a
/// closing quote, a quote never closed). Reads from a <see cref="TextReader"/>, so it does no I/O of its own.
/// </summary>
public sealed class CsvRecordReader(TextReader text)
{
    /// <summary>
    /// Bounds one record's memory: a quote that is never closed would otherwise read the rest of a large file
    /// into one value. No real order row comes near it.
    /// </summary>
    public const int MaxRecordChars = 64 * 1024;

    private readonly char[] _buffer = new char[64 * 1024];
    private int _position, _length;
    private long _line = 1;
    private readonly StringBuilder _value = new();

    public IEnumerable<CsvRecord> ReadAll()
    {
        while (ReadRecord() is { } record) yield return record;
    }

    private CsvRecord? ReadRecord()
    {
        // Blank lines are not records: a trailing newline, or an empty line between rows, is no row at all.
        int c;
        while ((c = Peek()) is '\r' or '\n') ConsumeLineBreak();
        if (c < 0) return null;

        var start = _line;
        var values = new List<string>();
        var size = 0;
        while (true)
        {
            _value.Clear();
            string? problem = null;
            if (Peek() == '"')
            {
                Next();
                problem = ReadQuoted(ref size);
            }
            else
            {
                while ((c = Peek()) >= 0 && c is not (',' or '\r' or '\n'))
                {
                    _value.Append((char)Next());
                    if (++size > MaxRecordChars) { problem = TooLong(); break; }
                }
            }
            values.Add(_value.ToString());
            if (problem is not null)
            {
                SkipToEndOfLine();
                return new CsvRecord(start, values, problem);
            }

            c = Peek();
            if (c == ',')
            {
                Next();
                continue;
            }
            if (c is '\r' or '\n') ConsumeLineBreak();
            return new CsvRecord(start, values, null);
        }
    }

    /// <returns>null when the quoted value ended well, otherwise the problem.</returns>
    private string? ReadQuoted(ref int size)
    {
        var opened = _line;
        while (true)
        {
            var c = Next();
            if (c < 0) return $"a quoted value opened on line {opened} is never closed";
            if (c == '"')
            {
                if (Peek() == '"')
                {
                    Next();
                    _value.Append('"');
                }
                else
                {
                    var after = Peek();
                    return after < 0 || after is ',' or '\r' or '\n'
                        ? null
                        : $"a closing quote must be followed by a comma or the end of the line, not '{(char)after}'";
                }
            }
            else
            {
                if (c == '\n' || (c == '\r' && Peek() != '\n')) _line++;
                _value.Append((char)c);
            }
            if (++size > MaxRecordChars) return TooLong();
        }
    }

    private static string TooLong() => $"the row is longer than {MaxRecordChars / 1024} KiB (a quote that is never closed?)";

    private void SkipToEndOfLine()
    {
        int c;
        while ((c = Peek()) >= 0 && c is not ('\r' or '\n')) Next();
        if (c >= 0) ConsumeLineBreak();
    }

    private void ConsumeLineBreak()
    {
        if (Next() == '\r' && Peek() == '\n') Next();
        _line++;
    }

    private int Peek()
    {
        if (_position == _length && !Fill()) return -1;
        return _buffer[_position];
    }

    private int Next()
    {
        if (_position == _length && !Fill()) return -1;
        return _buffer[_position++];
    }

    private bool Fill()
    {
        _length = text.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
