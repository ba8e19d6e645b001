using System.Globalization;

namespace Retention.Core.Import.Lines;

/// <summary>What a <c>lines-csv</c> file held, counted as it is read, for the import's summary.</summary>
public sealed class LinesCsvTally
{
    private readonly SortedDictionary<string, long> _unknownCountries = new(StringComparer.Ordinal);

    /// <summary>Data rows in the file.</summary>
    public long FileRows { get; internal set; }
    /// <summary>Orders placed (each counted once, however many returns changed it later).</summary>
    public long Orders { get; internal set; }
    /// <summary>Lines of the orders placed.</summary>
    public long Lines { get; internal set; }
    /// <summary>Return rows attached to an earlier order.</summary>
    public long Returns { get; internal set; }
    /// <summary>Orders that one return or more changed (stored in their state after the last).</summary>
    public long ReturnedOrders { get; internal set; }
    /// <summary>Return rows that matched no earlier order of their customer: skipped one by one.</summary>
    public long UnmatchedReturns { get; internal set; }
    /// <summary>Orders without a customer id, skipped whole, and their rows.</summary>
    public long GuestOrders { get; internal set; }
    public long GuestRows { get; internal set; }
    /// <summary>Orders skipped whole for a row that cannot be read, mixed customers, too many lines, another currency.</summary>
    public long RefusedOrders { get; internal set; }
    /// <summary>Records that cannot be read as a row or name no order, skipped one by one.</summary>
    public long UnreadableRows { get; internal set; }

    /// <summary>Orders placed whose country name maps to no country, by the name as written (empty: none given).</summary>
    public IReadOnlyDictionary<string, long> UnknownCountries => _unknownCountries;

    internal void CountUnknownCountry(string name) => _unknownCountries[name] = _unknownCountries.GetValueOrDefault(name) + 1;

    /// <summary>The summary's lines.</summary>
    public IEnumerable<string> Describe()
    {
        var c = CultureInfo.InvariantCulture;
        string N(long n) => n.ToString("N0", c);
        yield return $"{N(FileRows)} file rows: {N(Orders)} orders with {N(Lines)} lines; {N(Returns)} return rows attached to earlier orders " +
                     $"({N(ReturnedOrders)} orders changed by them, stored as after their last return)";
        yield return $"skipped: {N(GuestOrders)} orders without a customer ({N(GuestRows)} rows), {N(RefusedOrders)} orders refused whole, " +
                     $"{N(UnmatchedReturns)} return rows matching no earlier order, {N(UnreadableRows)} unreadable rows";
        var unknown = _unknownCountries.Values.Sum();
        if (unknown > 0)
            yield return $"country unknown for {N(unknown)} orders: " +
                         string.Join(", ", _unknownCountries.Select(u => $"{(u.Key.Length == 0 ? "(blank)" : u.Key)} {N(u.Value)}"));
    }
}
