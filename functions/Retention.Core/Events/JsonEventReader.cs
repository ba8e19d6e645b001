using System.Text.Json;

namespace Retention.Core.Events;

/// <summary>
/// The front door of every event normalizer: the body must be UTF-8 throughout, JSON no deeper than 16, with no
/// field given twice (the reader and the archive's redactor must not pick different copies) and no lone
/// surrogate escapes anywhere; then the normalizer's reader runs, and the first bad field it meets becomes the problem.
/// </summary>
internal static class JsonEventReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static (T? Value, EventProblem? Problem) Read<T>(ReadOnlyMemory<byte> body, Func<JsonElement, T> read) where T : class
    {
        // The JSON reader lets some invalid UTF-8 through in property names; an event must be text throughout.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span)) return (null, new EventProblem("$", "the body is not valid UTF-8"));
        JsonDocument document;
        try
        {
            // Before parsing: the parse's own duplicate-field check already throws on such a field name.
            if (HasLoneSurrogate(body.Span))
                return (null, new EventProblem("$", "a string contains an invalid \\u escape (a lone surrogate)"));
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            return (null, new EventProblem("$", "the body is not valid JSON (" + FirstSentence(e.Message) + ")"));
        }
        using (document)
        {
            try
            {
                return (read(document.RootElement), null);
            }
            catch (EventFieldException e)
            {
                return (null, new EventProblem(e.Field, e.Message));
            }
            catch (InvalidOperationException)
            {
                // A string escaping half a surrogate pair ("\ud800") parses as JSON but is no text.
                return (null, new EventProblem("$", "a string contains an invalid \\u escape (a lone surrogate)"));
            }
        }
    }

    /// <summary>
    /// Whether any string or field name escapes half a surrogate pair (<c>"\ud800"</c>); throws JsonException, as the
    /// parse would, for a body that is not JSON. Such an escape is valid JSON, but System.Text.Json throws
    /// InvalidOperationException wherever the text is read or written: a field name in the parse's own duplicate check
    /// and in any lookup in its object, a field the redactor keeps but the normalizer never reads (Shopify's
    /// <c>total_price</c> beside <c>current_total_price</c>) in the archive's writer. Catching it only where a reader
    /// happened to look left those as 500s, so the whole body is checked before anything reads it.
    /// </summary>
    private static bool HasLoneSurrogate(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        while (reader.Read())
        {
            // Only an escape can make one: raw surrogate bytes are invalid UTF-8, refused before parsing.
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
        return false;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
