using System.Globalization;
using System.Text.Json;

namespace Retention.Core.Events;

/// <summary>
/// Strict readers for the field types events use. Each throws <see cref="EventFieldException"/> naming the
/// field, so a normalizer reads top to bottom and reports the first bad field.
/// </summary>
internal static class JsonFields
{
    /// <summary>Large enough for any real order, small enough that sums over millions stay exact in decimal.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    private static readonly System.Buffers.SearchValues<char> NumberCharacters = System.Buffers.SearchValues.Create("0123456789.+-eE");

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement Required(JsonElement obj, string name, string path) =>
        Optional(obj, name) ?? throw new EventFieldException(path, "is required");

    public static string String(JsonElement value, string path, int maxLength = 256)
    {
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a string");
        var text = value.GetString()!;
        if (text.Length == 0) throw new EventFieldException(path, "must not be empty");
        if (text.Length > maxLength) throw new EventFieldException(path, $"must be at most {maxLength} characters");
        if (text.Any(char.IsControl)) throw new EventFieldException(path, "must not contain control characters");
        return text;
    }

    /// <summary>An identifier: a string, or an integer as some platforms send (kept as its exact text).</summary>
    public static string Identifier(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetInt64(out var n)) throw new EventFieldException(path, "must be a string or a whole number");
            return n.ToString(CultureInfo.InvariantCulture);
        }
        return String(value, path);
    }

    /// <summary>Money as a decimal string ("12.50") or a JSON number, never a float round trip.</summary>
    public static decimal Amount(JsonElement value, string path)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new EventFieldException(path, "must be a decimal amount such as \"12.50\""),
        };
        // Only the characters of a number: decimal.TryParse also takes trailing NULs ("5\u0000" read as 5).
        if (text.Length > 32 || text.AsSpan().ContainsAnyExcept(NumberCharacters)
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var amount))
            throw new EventFieldException(path, "must be a decimal amount such as \"12.50\"");
        if (amount < 0) throw new EventFieldException(path, "must not be negative");
        if (amount > MaxAmount) throw new EventFieldException(path, $"must not exceed {MaxAmount.ToString(CultureInfo.InvariantCulture)}");
        return amount;
    }

    /// <summary>
    /// The objects of an optional array field, each with its path (<c>refunds[0]</c>) and index; none when the field is
    /// absent. Anything but an array of objects is refused, naming the field or the element.
    /// </summary>
    public static IEnumerable<(JsonElement Item, string Path, int Index)> Objects(JsonElement root, string field)
    {
        if (Optional(root, field) is not { } array) yield break;
        if (array.ValueKind != JsonValueKind.Array) throw new EventFieldException(field, "must be an array");
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{field}[{index}]";
            if (item.ValueKind != JsonValueKind.Object) throw new EventFieldException(path, "must be an object");
            yield return (item, path, index++);
        }
    }

    /// <summary>An RFC 3339 timestamp with an explicit offset; a local time without one is ambiguous and refused.</summary>
    public static DateTimeOffset Timestamp(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be an RFC 3339 timestamp string");
        var text = value.GetString()!;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            throw new EventFieldException(path, "must be an RFC 3339 timestamp with an offset, such as 2025-03-01T10:15:00Z");
        if (instant.Year is < 1990 or > 2200) throw new EventFieldException(path, "is outside the years 1990 to 2200");
        return instant;
    }

    public static bool Boolean(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new EventFieldException(path, "must be true or false"),
    };
}

internal sealed class EventFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
