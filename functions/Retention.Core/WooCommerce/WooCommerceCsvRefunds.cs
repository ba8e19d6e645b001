using System.Text;

namespace Retention.Core.WooCommerce;

/// <summary>One refund as the <c>refunds</c> column of WooCommerce's order export lists it.</summary>
/// <param name="Date">the store's local time, as the export writes it; null when the item has none.</param>
public sealed record WooCommerceCsvRefund(string Id, string? Date, string Amount);

/// <summary>
/// The <c>refunds</c> column of the Customer / Order / Coupon Export's default order format:
/// <c>id:726|date:2017-03-22 16\:30\:00|amount:10.00|reason:…</c>, refunds separated by <c>;</c>, properties by
/// <c>|</c>, key and value by <c>:</c>, and each of those three characters escaped with a backslash inside a value.
/// The reason is free text typed by staff and is never kept.
/// </summary>
public static class WooCommerceCsvRefunds
{
    /// <returns>the refunds, or null when the text is not such a list (an item without an id or an amount).</returns>
    public static IReadOnlyList<WooCommerceCsvRefund>? TryParse(string cell)
    {
        var refunds = new List<WooCommerceCsvRefund>();
        if (cell.Trim().Length == 0) return refunds;
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
            if (!properties.TryGetValue("id", out var id) || id.Length == 0
                || !properties.TryGetValue("amount", out var amount) || amount.Length == 0) return null;
            refunds.Add(new WooCommerceCsvRefund(id, properties.TryGetValue("date", out var date) && date.Length > 0 ? date : null, amount));
        }
        return refunds;
    }

    /// <summary>The list again, in the export's own notation, without the reasons.</summary>
    public static string Format(IEnumerable<WooCommerceCsvRefund> refunds) => string.Join(';', refunds.Select(r =>
        $"id:{Escape(r.Id)}|{(r.Date is null ? "" : $"date:{Escape(r.Date)}|")}amount:{Escape(r.Amount)}"));

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
