using System.Text.Json;
using Retention.Core.Events;

namespace Retention.Core.Products;

/// <summary>
/// A product's title, category or vendor as the platforms send them. Unlike an order's fields, a blank one is common
/// (a Shopify product without a <c>product_type</c> sends <c>""</c>) and means "none", not a mistake.
/// </summary>
internal static class ProductText
{
    /// <summary>The field's text, trimmed; null when absent, null or blank. Anything but a string is refused, naming the field.</summary>
    public static string? Optional(JsonElement obj, string name, string path)
    {
        if (JsonFields.Optional(obj, name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a string");
        return Clean(value.GetString(), message => new EventFieldException(path, message));
    }

    /// <summary>A value of an export's cell: trimmed, null when blank; <paramref name="fail"/> makes the problem for a bad one.</summary>
    public static string? Clean(string? text, Func<string, Exception> fail)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (trimmed.Length > ProductChange.MaxTextLength) throw fail($"must be at most {ProductChange.MaxTextLength} characters");
        if (trimmed.Any(char.IsControl)) throw fail("must not contain control characters");
        return trimmed;
    }
}
