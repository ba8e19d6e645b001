namespace Retention.Core.Orders;

/// <summary>
/// The one thing of an address the pipeline keeps: its country, as an ISO 3166-1 alpha-2 code (<c>GB</c>, <c>DE</c>).
/// Platforms send codes and are held to them (<see cref="IsCode"/>); imports often carry names, which are mapped by
/// the ISO table's names, its alpha-3 codes and a few names shops' back offices write (<see cref="FromName"/>). A
/// name that maps to no one country (<c>Channel Islands</c>, <c>European Community</c>) is <see cref="Unknown"/>:
/// counted as such, never guessed.
/// </summary>
public static class CountryCode
{
    /// <summary>How the figures name the orders of no known country.</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// Kosovo's code: user-assigned in ISO 3166-1, not in its table, but the one the European Commission, Shopify and
    /// WooCommerce all use, so real orders carry it. Refusing them would get a shop's webhook disabled.
    /// </summary>
    public const string Kosovo = "XK";

    private static readonly HashSet<string> Codes = new(CountryTable.Rows.Select(row => row.Alpha2).Append(Kosovo), StringComparer.Ordinal);

    /// <summary>Names shops write that the ISO table does not hold, each naming one country without doubt.</summary>
    private static readonly (string Name, string Alpha2)[] Aliases =
    [
        ("UK", "GB"), ("Great Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"),
        ("USA", "US"), ("U.S.A.", "US"), ("United States of America", "US"), ("EIRE", "IE"), ("RSA", "ZA"), ("Holland", "NL"),
        ("Russia", "RU"), ("Turkey", "TR"), ("Czech Republic", "CZ"), ("UAE", "AE"),
    ];

    private static readonly Dictionary<string, string> ByName = BuildNames();

    /// <summary>Whether <paramref name="code"/> is an assigned alpha-2 code, in upper case.</summary>
    public static bool IsCode(string code) => Codes.Contains(code);

    /// <summary>
    /// A platform's country code, upper-cased: the code, or null when it is none (blank). A value that is not an
    /// assigned code returns false: the caller refuses it, naming its field.
    /// </summary>
    public static bool TryRead(string? value, out string? code)
    {
        code = null;
        if (value is null || value.Trim().Length == 0) return true;
        var upper = value.Trim().ToUpperInvariant();
        if (!IsCode(upper)) return false;
        code = upper;
        return true;
    }

    /// <summary>The code of a country written by name, alpha-2 or alpha-3 code, in any case; <see cref="Unknown"/> when none.</summary>
    public static string FromName(string? name)
    {
        if (name is null) return Unknown;
        var key = name.Trim();
        return key.Length == 0 ? Unknown : ByName.GetValueOrDefault(key, Unknown);
    }

    private static Dictionary<string, string> BuildNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (alpha2, alpha3, countryNames) in CountryTable.Rows)
        {
            names[alpha2] = alpha2;
            names[alpha3] = alpha2;
            foreach (var n in countryNames) names.TryAdd(n, alpha2);
        }
        foreach (var (n, alpha2) in Aliases) names.TryAdd(n, alpha2);
        names.TryAdd(Kosovo, Kosovo);
        names.TryAdd("Kosovo", Kosovo);
        return names;
    }
}
