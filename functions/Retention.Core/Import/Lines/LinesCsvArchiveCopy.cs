namespace Retention.Core.Import.Lines;

/// <summary>
/// What is archived of a <c>lines-csv</c> file: only the mapped columns, under their target names (<c>order_id</c>,
/// <c>customer_id</c>, …), so a column the mapping passes over (a name, an e-mail, an address) never reaches storage,
/// and the customer's erasure finds their rows by <c>customer_id</c> as in a <c>generic-csv</c> file. The customer id is
/// written as the import reads it (<c>17850.0</c> as <c>17850</c>). Each row keeps its line number (blank lines fill
/// the gaps), so reading the copy with the targets as its columns gives the same orders with the same
/// <c>SourceEventId</c>s. Records that cannot be read are left out.
/// </summary>
public static class LinesCsvArchiveCopy
{
    public static void Write(TextReader text, TextWriter copy, LinesCsvColumns columns)
    {
        var (records, header) = ExportHeader.Read(text, LinesCsvOrderReader.Format);
        var positions = columns.Locate(header);
        var mapped = columns.Mapped.Select(m => (m.Target, Column: positions.Required(m.Target))).ToList();
        long line = 1;
        line += ExportCsvFile.WriteLine(copy, [.. mapped.Select(m => m.Target)]);
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.ShapeProblem(positions.Count) is not null) continue;
            for (; line < record.Line; line++) copy.Write('\n');
            line += ExportCsvFile.WriteLine(copy, [.. mapped.Select(m => m.Target == LinesCsvColumns.CustomerId
                ? LinesCsvRowParser.CustomerIdOf(record.Values[m.Column])
                : record.Values[m.Column])]);
        }
    }
}
