using System.Globalization;

namespace Retention.Pipeline.Storage;

/// <summary>
/// Makes platform ids safe as table keys: '/', '\', '#', '?' and control characters are not allowed in
/// PartitionKey or RowKey, so they (and '%', to stay reversible) become %XXXX.
/// </summary>
public static class TableKey
{
    public static string Escape(string value)
    {
        if (!value.Any(NeedsEscape)) return value;
        var builder = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c)) builder.Append('%').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
