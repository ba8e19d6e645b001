namespace Retention.Core.Audiences.Delivery;

/// <summary>What one attempt at a delivery ends in (<c>docs/audiences.md</c>, "Retries and dead letters").</summary>
public enum AudienceDeliveryOutcome
{
    /// <summary>2xx: done.</summary>
    Delivered,

    /// <summary>5xx, 408, 429, no answer or a network failure: tried again later, with back-off.</summary>
    Retry,

    /// <summary>Another 4xx (the receiver refuses it as it is): into the dead letters, to be replayed once fixed.</summary>
    DeadLetter,

    /// <summary>410 Gone: the receiver is gone for good; the subscription is cancelled.</summary>
    Gone,
}

public static class AudienceDeliveryOutcomes
{
    /// <param name="status">the HTTP status answered; null when there was no answer (timeout, refused connection).</param>
    public static AudienceDeliveryOutcome Of(int? status) => status switch
    {
        null => AudienceDeliveryOutcome.Retry,
        >= 200 and < 300 => AudienceDeliveryOutcome.Delivered,
        410 => AudienceDeliveryOutcome.Gone,
        408 or 429 => AudienceDeliveryOutcome.Retry,
        >= 400 and < 500 => AudienceDeliveryOutcome.DeadLetter,
        _ => AudienceDeliveryOutcome.Retry,
    };
}
