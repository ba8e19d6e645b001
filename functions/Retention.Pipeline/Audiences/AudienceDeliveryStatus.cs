namespace Retention.Pipeline.Audiences;

/// <summary>Where a delivery of the outbox stands (<see cref="AudienceDeliveryTable"/>).</summary>
public static class AudienceDeliveryStatus
{
    /// <summary>Not delivered yet: its message is on the <c>audience-deliveries</c> queue, now or after its back-off.</summary>
    public const string Pending = "pending";

    /// <summary>A 2xx came back; its body is dropped (it named customers, and it is not needed any more).</summary>
    public const string Delivered = "delivered";

    /// <summary>The dead letters: another 4xx, retries exhausted, or no secret to sign it with. <c>deliveries replay</c> sends it again.</summary>
    public const string Dead = "dead";

    /// <summary>Its subscription was cancelled (410 Gone, or unsubscribed) before it went out.</summary>
    public const string Cancelled = "cancelled";
}
