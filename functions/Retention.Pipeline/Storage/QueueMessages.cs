using System.Text.Json;
using Azure.Storage.Queues;
using Retention.Pipeline.Telemetry;

namespace Retention.Pipeline.Storage;

/// <summary>Queue messages as JSON (Base64-encoded by the client, as the Functions queue trigger expects).</summary>
public static class QueueMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task SendAsync<T>(QueueClient queue, T message, CancellationToken cancellationToken) =>
        queue.SendMessageAsync(Text(message), cancellationToken);

    /// <summary>
    /// The message's JSON, with the sending span's <c>traceparent</c> when something is traced, so the handler's span joins
    /// the sender's trace across the queue (<see cref="QueueMessageEnvelope"/>). Readers of the message ignore the field.
    /// </summary>
    public static string Text<T>(T message)
    {
        if (QueueMessageEnvelope.CurrentTraceParent() is not { } traceParent) return JsonSerializer.Serialize(message, Json);
        var fields = JsonSerializer.SerializeToNode(message, Json)!.AsObject();
        fields[QueueMessageEnvelope.TraceParentField] = traceParent;
        return fields.ToJsonString(Json);
    }

    /// <exception cref="InvalidDataException">the text is not such a message: it cannot succeed on a retry either.</exception>
    public static T Parse<T>(string text) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidDataException($"empty {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a {typeof(T).Name}: {e.Message}", e);
        }
    }
}
