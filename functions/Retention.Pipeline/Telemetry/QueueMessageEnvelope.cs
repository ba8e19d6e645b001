using System.Diagnostics;
using System.Text.Json;

namespace Retention.Pipeline.Telemetry;

/// <summary>
/// What every queue message says about itself besides its work: the shop it belongs to and the W3C <c>traceparent</c> of
/// the span that sent it (<see cref="Storage.QueueMessages.SendAsync{T}"/> adds it), read without knowing the message's type.
/// </summary>
public sealed record QueueMessageEnvelope(string? Shop, ActivityContext? TraceContext)
{
    public const string TraceParentField = "traceparent";

    public static QueueMessageEnvelope Read(string messageText)
    {
        try
        {
            using var document = JsonDocument.Parse(messageText);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return new(null, null);
            var root = document.RootElement;
            var shop = root.TryGetProperty("shop", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var context = root.TryGetProperty(TraceParentField, out var t) && t.ValueKind == JsonValueKind.String
                && ActivityContext.TryParse(t.GetString(), null, isRemote: true, out var parsed) ? parsed : (ActivityContext?)null;
            return new(shop, context);
        }
        catch (JsonException)
        {
            // Not JSON: the handler refuses it in its own words; here it is only a message without a shop or a trace.
            return new(null, null);
        }
    }

    /// <summary>The current span as a <c>traceparent</c>, or null when nothing is traced.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
}
