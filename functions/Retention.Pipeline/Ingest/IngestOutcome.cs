using Retention.Core.Events;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// What the webhook endpoint answers. Every refusal says why; 503 carries a Retry-After so the platform
/// redelivers later instead of giving up.
/// </summary>
public sealed record IngestOutcome(int Status, string Title, string? Detail = null, string? EventId = null,
    string? Field = null, TimeSpan? RetryAfter = null)
{
    public static IngestOutcome Accepted(string eventId) => new(202, "accepted", EventId: eventId);
    /// <summary>Stored synchronously (small writes such as spend need no queue).</summary>
    public static IngestOutcome Recorded(string eventId) => new(200, "recorded", EventId: eventId);
    public static IngestOutcome UnknownShop(string shop) => new(404, "Unknown shop", $"no shop '{shop}' is registered here");
    public static IngestOutcome Unauthorized(string reason) => new(401, "Signature not accepted", reason);
    public static IngestOutcome Invalid(EventProblem problem) => new(400, "Invalid event", problem.ToString(), Field: problem.Field);
    public static IngestOutcome BadRequest(string field, string detail) => new(400, "Invalid request", $"{field}: {detail}", Field: field);
    public static IngestOutcome TooLarge(int limit) => new(413, "Body too large", $"the body must be at most {limit} bytes");
    public static IngestOutcome StorageUnavailable() =>
        new(503, "Storage unavailable", "the event was not stored; send it again later", RetryAfter: TimeSpan.FromSeconds(10));

    public bool IsAccepted => Status is 200 or 202;
}
