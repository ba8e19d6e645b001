using System.Text.RegularExpressions;

namespace Retention.Core.Shops;

/// <summary>
/// The rules for a shop id. Shop ids become part of table partition keys, blob names and URLs,
/// so they are restricted to characters that need no escaping anywhere.
/// </summary>
public static partial class ShopId
{
    public const string Rule = "3 to 63 characters: lowercase letters, digits and hyphens, starting with a letter or digit";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);
}
