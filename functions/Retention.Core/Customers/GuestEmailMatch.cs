using Retention.Core.Import;

namespace Retention.Core.Customers;

/// <summary>A guest's address from the shop's own list, with the key the nightly datasets and audiences carry for it.</summary>
/// <param name="CustomerKey"><c>e:</c> and the hash, exactly <see cref="Customers.CustomerKey.FromEmail"/>.</param>
/// <param name="EmailHash">the 64 hex digits alone.</param>
/// <param name="Email">the address as it is hashed: trimmed and lower-cased.</param>
public sealed record GuestEmailRow(string CustomerKey, string EmailHash, string Email)
{
    /// <summary>The row in the output file's CSV, a value quoted only when it has to be.</summary>
    public string ToCsvLine() => $"{CustomerKey},{EmailHash},{GuestEmailMatch.CsvValue(Email)}";
}

/// <summary>The distinct addresses of a list, in the order they first appear, and how many values were not addresses.</summary>
public sealed record GuestEmailMatchResult(IReadOnlyList<GuestEmailRow> Rows, int Skipped);

/// <summary>
/// Guests are known only by the salted hash of their e-mail (<see cref="CustomerKey.FromEmail"/>). With the salt, a
/// shop can turn the hashes back into addresses by hashing its own list of addresses: this reads the list and gives
/// each address its key. No I/O: the command line reads the file and writes the rows on the shop's own machine.
/// </summary>
public static class GuestEmailMatch
{
    /// <summary>The header of the output file.</summary>
    public const string Header = "customer_key,email_hash,email";

    /// <summary>Header names of the address column, compared trimmed and case-insensitively; the first one found is used.</summary>
    public static readonly IReadOnlyList<string> EmailColumns = ["email", "e-mail", "email_address", "email address"];

    /// <summary>
    /// Reads a CSV whose header names an e-mail column (<see cref="EmailColumns"/>), or a plain list: a file of one
    /// column without such a header, an address a line. A line with no value (blank, or only commas and spaces) is no
    /// row; a row whose address is empty, has no <c>@</c> on either side or whitespace inside, or that is not readable
    /// as CSV, is skipped and counted.
    /// </summary>
    /// <exception cref="InvalidDataException">the file is empty, has only its header, or has several columns and none named as an address.</exception>
    public static GuestEmailMatchResult Match(IEnumerable<CsvRecord> records, string salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(salt);
        using var rows = records.Where(r => r.Values.Any(v => !string.IsNullOrWhiteSpace(v))).GetEnumerator();
        if (!rows.MoveNext()) throw new InvalidDataException("is empty: give one e-mail address a line, or a CSV with an email column");

        var first = rows.Current;
        var column = first.Problem is null ? EmailColumn(first.Values) : null;
        var addresses = new List<string?>();
        if (column is null)
        {
            if (first.Values.Count > 1)
                throw new InvalidDataException($"has {first.Values.Count} columns and no email column in its header " +
                                               $"(named {string.Join(", ", EmailColumns.Select(c => $"'{c}'"))})");
            addresses.Add(ListAddress(first));
        }
        while (rows.MoveNext()) addresses.Add(column is { } c ? CsvAddress(rows.Current, c) : ListAddress(rows.Current));
        if (addresses.Count == 0) throw new InvalidDataException("has a header but no addresses below it");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var matched = new List<GuestEmailRow>();
        var skipped = 0;
        foreach (var address in addresses)
        {
            var normalized = address?.Trim().ToLowerInvariant();
            if (normalized is null || !IsPlausible(normalized))
            {
                skipped++;
                continue;
            }
            if (!seen.Add(normalized)) continue;
            var key = CustomerKey.FromEmail(normalized, salt);
            matched.Add(new GuestEmailRow(key, key[CustomerKeyPrefixes.Email.Length..], normalized));
        }
        return new GuestEmailMatchResult(matched, skipped);
    }

    /// <summary>Plausibly an address: something on both sides of an <c>@</c>, no whitespace anywhere.</summary>
    public static bool IsPlausible(string normalized)
    {
        var at = normalized.LastIndexOf('@');
        return at > 0 && at < normalized.Length - 1 && !normalized.Any(char.IsWhiteSpace);
    }

    /// <summary>A value as RFC 4180 CSV: in double quotes, inner quotes doubled, when it holds a comma, quote or line break.</summary>
    public static string CsvValue(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static int? EmailColumn(IReadOnlyList<string> header)
    {
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF').Trim();
            if (EmailColumns.Any(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))) return i;
        }
        return null;
    }

    private static string? CsvAddress(CsvRecord record, int column) =>
        record.Problem is null && column < record.Values.Count ? record.Values[column] : null;

    /// <summary>A line of a plain list: its one value (a stray comma after it adds none), else no address.</summary>
    private static string? ListAddress(CsvRecord record)
    {
        if (record.Problem is not null) return null;
        var values = record.Values.Where(v => !string.IsNullOrWhiteSpace(v)).Take(2).ToList();
        return values.Count == 1 ? values[0] : null;
    }
}
