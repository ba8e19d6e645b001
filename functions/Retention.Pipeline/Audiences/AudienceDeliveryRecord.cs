using Retention.Core.Audiences.Delivery;

namespace Retention.Pipeline.Audiences;

/// <summary>A delivery as the outbox keeps it: what it carries and how its attempts went.</summary>
/// <param name="LastResult">the last attempt in words: <c>HTTP 503</c>, <c>no answer: …</c>, <c>retries exhausted after 26 hours</c>.</param>
public sealed record AudienceDeliveryRecord(AudienceDelivery Delivery, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? FirstAttemptAt, DateTimeOffset? LastAttemptAt, string? LastResult);
