namespace Retention.Core.Webhooks;

/// <summary>
/// What a platform's delivery id may look like. The id names the raw event's blob and is the
/// deduplication key, so it is bounded in length and limited to printable ASCII.
/// </summary>
public static class WebhookEventId
{
    public const int MaxLength = 256;

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => c is > ' ' and < (char)127);
}
