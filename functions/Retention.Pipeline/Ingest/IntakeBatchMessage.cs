using System.Text.Json;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// The pointer a group commit puts on <c>order-events</c>: many deliveries of one shop in one intake blob
/// (<see cref="Storage.IntakeBatchFile"/>). Told apart from <see cref="OrderEventMessage"/> by its <c>batch</c> field.
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
