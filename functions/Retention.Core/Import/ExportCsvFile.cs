using System.Text;
using Retention.Core.Customers;

namespace Retention.Core.Import;

/// <summary>
/// The parts of reading a platform's export that do not depend on the platform: which lines start an order, how
/// many orders there are, and the copy of the file that is archived.
/// </summary>
public static class ExportCsvFile
{
    /// <summary>
    /// The first line of each order with the order's index (0, 1, … in file order). Further lines of the same
    /// order are passed over: the order's own columns are on its first line. A line that cannot be read, or has
    /// the wrong number of values, stands alone (it is skipped as a row of its own).
    /// </summary>
    public static IEnumerable<(long Index, CsvRecord Record)> Orders(IEnumerator<CsvRecord> records, ExportCsvLayout layout) =>
        OrdersWithLines(records, layout).Select(order => (order.Index, order.Record));

    /// <summary>As <see cref="Orders"/>, with each order's further lines (its further line items), in file order.</summary>
    public static IEnumerable<(long Index, CsvRecord Record, IReadOnlyList<CsvRecord> Following)> OrdersWithLines(
        IEnumerator<CsvRecord> records, ExportCsvLayout layout)
    {
        long index = 0;
        CsvRecord? first = null;
        var following = new List<CsvRecord>();
        while (records.MoveNext())
        {
            var record = records.Current;
            var whole = record.Problem is null && record.Values.Count == layout.Count;
            if (whole && first is { Problem: null } && first.Values.Count == layout.Count && layout.Continues(first.Values, record.Values))
            {
                following.Add(record);
                continue;
            }
            if (first is not null) yield return (index++, first, following);
            first = record;
            following = [];
        }
        if (first is not null) yield return (index, first, following);
    }

    public static long Count(IEnumerator<CsvRecord> records, ExportCsvLayout layout, CancellationToken cancellationToken)
    {
        long orders = 0;
        foreach (var _ in Orders(records, layout))
            if (++orders % 10_000 == 0) cancellationToken.ThrowIfCancellationRequested();
        return orders;
    }

    /// <summary>
    /// Writes what is archived of an export: its header and each order's lines, with only the
    /// <see cref="ExportCsvLayout.Archived"/> columns and the e-mail replaced by its salted hash, so no name, address,
    /// phone, note or e-mail address reaches storage. Each line is written on the line number it had in the file
    /// (blank lines fill the gaps, and readers pass over blank lines), so reading the copy again gives the same
    /// orders with the same <c>SourceEventId</c>s. Lines that cannot be read are left out.
    /// </summary>
    public static void WriteArchiveCopy(IEnumerator<CsvRecord> records, ExportCsvLayout layout, string salt, TextWriter copy)
    {
        var names = layout.Archived.Select(c => c.Name).ToList();
        if (layout.Email is not null) names.Add(layout.EmailHashName);
        long line = 1;
        line += WriteLine(copy, names);
        foreach (var (_, first, following) in OrdersWithLines(records, layout))
            foreach (var record in following.Prepend(first))
            {
                if (record.Problem is not null || record.Values.Count != layout.Count) continue;
                for (; line < record.Line; line++) copy.Write('\n');
                var values = layout.Archived.Select(c => layout.Redact(c.Column, record.Values[c.Column])).ToList();
                if (layout.Email is { } email) values.Add(EmailHash(record.Values[email], salt));
                line += WriteLine(copy, values);
            }
    }

    /// <summary>The hex part of the customer key a webhook makes of the address; empty where the webhook would refuse the address.</summary>
    private static string EmailHash(string address, string salt)
    {
        var trimmed = address.Trim();
        if (trimmed.Length is 0 or > 320 || !trimmed.Contains('@') || trimmed.Any(char.IsControl)) return "";
        return CustomerKey.FromEmail(trimmed, salt)[CustomerKeyPrefixes.Email.Length..];
    }

    /// <returns>the number of lines the record takes, as <see cref="CsvRecordReader"/> counts them.</returns>
    internal static long WriteLine(TextWriter copy, List<string> values)
    {
        long lines = 1;
        var text = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) text.Append(',');
            var value = values[i];
            if (value.IndexOfAny([',', '"', '\r', '\n']) < 0 && value.Trim().Length == value.Length)
            {
                text.Append(value);
                continue;
            }
            text.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
            for (var c = 0; c < value.Length; c++)
                if (value[c] == '\n' || (value[c] == '\r' && (c + 1 == value.Length || value[c + 1] != '\n'))) lines++;
        }
        copy.Write(text.Append('\n').ToString());
        return lines;
    }
}
