using System.Text.Json;

namespace Retention.Core.Orders;

/// <summary>
/// The front door of every event normalizer: the body must be UTF-8 throughout, JSON no deeper than 16, with no
/// field given twice (the reader and the archive's redactor must not pick different copies) and no lone
/// surrogate escapes; then the normalizer's reader runs, and the first bad field it meets becomes the problem.
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

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
