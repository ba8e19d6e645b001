using System.Text.Json;
using Azure.Storage.Queues;

namespace Retention.Pipeline.Storage;

/// <summary>The claim-check pointer an accepted webhook puts on <c>order-events</c>; the body stays in the blob.</summary>
public sealed record OrderEventMessage(string Shop, string Platform, string EventId, string Blob, DateTimeOffset ReceivedAt);

/// <summary>
/// The pointer a group commit puts on <c>order-events</c>: many deliveries of one shop in one intake blob
/// (<see cref="IntakeBatchFile"/>). Told apart from <see cref="OrderEventMessage"/> by its <c>batch</c> field.
/// </summary>
public sealed record IntakeBatchMessage(string Shop, string Batch, int Events, DateTimeOffset ReceivedAt)
{
    public static bool Describes(string messageText)
    {
        try
        {
            using var document = JsonDocument.Parse(messageText);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("batch", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>One shop's nightly work on <c>snapshot-requests</c>: fan-out lets each shop run on its own instance.</summary>
public sealed record SnapshotRequestMessage(string Shop, DateOnly AsOf);

/// <summary>Queue messages as JSON (Base64-encoded by the client, as the Functions queue trigger expects).</summary>
public static class QueueMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
