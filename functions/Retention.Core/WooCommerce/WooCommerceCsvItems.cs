using System.Text;

namespace Retention.Core.WooCommerce;

/// <summary>
/// The item lists of the Customer / Order / Coupon Export's order formats (<c>line_items</c>, <c>coupon_items</c>,
/// <c>refunds</c>): <c>id:315|name:Woo Single #1|product_id:93|…</c>, items separated by <c>;</c>, properties by
/// <c>|</c>, key and value by <c>:</c>, and each of those three characters escaped with a backslash inside a value
/// (the extension's <c>escape_reserved_item_chars</c>).
/// </summary>
public static class WooCommerceCsvItems
{
    /// <returns>each item's properties by key (any case), or null when the text is not such a list.</returns>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>>? TryParse(string cell)
    {
        var items = new List<IReadOnlyDictionary<string, string>>();
        if (cell.Trim().Length == 0) return items;
        foreach (var item in Split(cell, ';'))
        {
            if (item.Trim().Length == 0) continue;
            var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in Split(item, '|'))
            {
                var pair = Split(property, ':', limit: 2);
                if (pair.Count != 2) return null;
                properties[Unescape(pair[0]).Trim()] = Unescape(pair[1]).Trim();
            }
            items.Add(properties);
        }
        return items;
    }

    /// <summary>The list again, in the export's notation, with the given properties of each item (those it has).</summary>
    public static string Format(IEnumerable<IReadOnlyDictionary<string, string>> items, IReadOnlyList<string> keys) =>
        string.Join(';', items.Select(item => string.Join('|',
            keys.Where(item.ContainsKey).Select(key => $"{Escape(key)}:{Escape(item[key])}"))));

    /// <summary>Splits at the separators that are not escaped; the parts keep their escapes.</summary>
    private static List<string> Split(string text, char separator, int limit = int.MaxValue)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length && parts.Count < limit - 1; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length) i++;
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    private static string Unescape(string text)
    {
        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is ':' or '|' or ';') i++;
            plain.Append(text[i]);
        }
        return plain.ToString();
    }

    private static string Escape(string text) => text.Replace(":", "\\:").Replace("|", "\\|").Replace(";", "\\;");
}
