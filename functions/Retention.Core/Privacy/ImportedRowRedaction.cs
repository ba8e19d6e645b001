using System.Text;
using Retention.Core.Generic;
using Retention.Core.Import;

namespace Retention.Core.Privacy;

/// <summary>
/// Cuts one customer's rows out of an archived history import (a <c>generic-csv</c> file, <c>docs/import.md</c>):
/// every record whose <c>customer_id</c> is one of the customer's keys or whose <c>order_id</c> is one of their
/// orders. The file's other text is kept byte for byte: records are removed by the physical lines they span (the
/// reader's line numbers), so no other customer's row is rewritten. A record that cannot be read as CSV is kept, as it
/// could not be attributed to anyone when it was imported either.
/// </summary>
public static class ImportedRowRedaction
{
    /// <returns>the file without the customer's records, and how many were removed (0: the text is returned unchanged).</returns>
    /// <exception cref="InvalidDataException">the file has no readable generic-csv (or archived lines-csv) header.</exception>
    public static (string Text, int Removed) Redact(string text, CustomerMatch customer)
    {
        var records = new CsvRecordReader(new StringReader(text)).ReadAll().ToList();
        if (records.Count == 0 || records[0].Problem is not null) throw new InvalidDataException("the file has no readable header row");
        var (count, customerColumn, orderColumn) = Columns(records[0].Values);

        // Each record spans from its first line to the line before the next record (blank lines go with the one before).
        var lines = Lines(text);
        var drop = new bool[lines.Count + 1];
        var removed = 0;
        for (var i = 1; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Problem is not null || record.Values.Count != count) continue;
            var customerId = record.Values[customerColumn].Trim();
            var orderId = record.Values[orderColumn].Trim();
            // The importer reads customer_id as the platform id of a generic event: its key is CustomerKey.FromPlatformId.
            if (!customer.IsCustomer(Customers.CustomerKey.FromPlatformId(customerId)) && !customer.OrderIds.Contains(orderId)) continue;
            var last = i + 1 < records.Count ? records[i + 1].Line - 1 : lines.Count;
            for (var line = record.Line; line <= last; line++) drop[line] = true;
            removed++;
        }
        if (removed == 0) return (text, 0);
        var kept = new StringBuilder(text.Length);
        for (var line = 1; line <= lines.Count; line++)
            if (!drop[line]) kept.Append(lines[line - 1]);
        return (kept.ToString(), removed);
    }

    /// <summary>
    /// Where the customer and order ids are: a <c>generic-csv</c> header, or the archived copy of a <c>lines-csv</c> file,
    /// which names its columns by their targets (<c>order_id</c>, <c>customer_id</c>, <c>product_id</c>, …).
    /// </summary>
    private static (int Count, int CustomerId, int OrderId) Columns(IReadOnlyList<string> header)
    {
        try
        {
            var generic = GenericCsvColumns.FromHeader(header);
            return (generic.Count, generic.CustomerId, generic.OrderId);
        }
        catch (InvalidDataException) when (CsvHeader.Read(header) is var names
                                           && names.Find("customer_id") is { } customer && names.Find("order_id") is { } order)
        {
            return (names.Count, customer, order);
        }
    }

    /// <summary>The physical lines, each with its own line break, split where <see cref="CsvRecordReader"/> counts lines (CRLF, LF, CR).</summary>
    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            else if (text[i] is not ('\r' or '\n')) continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
