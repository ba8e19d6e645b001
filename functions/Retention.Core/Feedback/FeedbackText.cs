using System.Text.Json;
using Retention.Core.Events;

namespace Retention.Core.Feedback;

/// <summary>
/// The free-text fields of an answer (<c>comment</c>, <c>reason_text</c>). Customers type these into a text area,
/// so line breaks and tabs are allowed; every other control character is refused, as it only ever comes from a
/// broken sender and would corrupt exports. Blank text is read as no text, so "" never counts as a comment.
/// </summary>
internal static class FeedbackText
{
    public const int MaxLength = 2_000;

    public static string? Optional(JsonElement obj, string name)
    {
        if (JsonFields.Optional(obj, name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(name, "must be a string");
        var text = value.GetString()!;
        if (text.Length > MaxLength) throw new EventFieldException(name, $"must be at most {MaxLength} characters");
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            throw new EventFieldException(name, "must not contain control characters other than line breaks and tabs");
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
