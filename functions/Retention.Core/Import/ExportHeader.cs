namespace Retention.Core.Import;

/// <summary>The first record of an export, its header, read before anything else of the file.</summary>
public static class ExportHeader
{
    /// <returns>the records after the header, and the header's names.</returns>
    /// <exception cref="InvalidDataException">the file is empty or its first record cannot be read.</exception>
    public static (IEnumerator<CsvRecord> Records, IReadOnlyList<string> Header) Read(TextReader text, string format)
    {
        var records = new CsvRecordReader(text).ReadAll().GetEnumerator();
        if (!records.MoveNext()) throw new InvalidDataException($"the file is empty: a {format} file starts with its header row");
        if (records.Current.Problem is { } problem) throw new InvalidDataException($"the header row cannot be read: {problem}");
        return (records, records.Current.Values);
    }
}
