using System.Text.Json;
using Azure.Storage.Queues;

namespace Retention.Pipeline.Storage;

/// <summary>Queue messages as JSON (Base64-encoded by the client, as the Functions queue trigger expects).</summary>
public static class QueueMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The messages' JSON options, for a sender that needs the queue client's own overloads (a visibility delay).</summary>
    public static JsonSerializerOptions Options => Json;

    public static Task SendAsync<T>(QueueClient queue, T message, CancellationToken cancellationToken) =>
        queue.SendMessageAsync(JsonSerializer.Serialize(message, Json), cancellationToken);

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
