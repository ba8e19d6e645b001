namespace Retention.Core.Audiences.Delivery;

/// <summary>
/// When a failed delivery is tried again: after <see cref="FirstDelay"/>, doubling each time up to an hour, for at least
/// <see cref="RetryFor"/> after its first attempt (default 30 seconds and 26 hours: a receiver down for a whole day still
/// gets the night's changes); after that it is a dead letter. Defaults are the product's; tests shorten them.
/// </summary>
public sealed record AudienceDeliveryRetry(TimeSpan FirstDelay, TimeSpan RetryFor)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    public static AudienceDeliveryRetry Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(26));

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failed ones.</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = FirstDelay.TotalSeconds * Math.Pow(2, doublings);
        return TimeSpan.FromSeconds(Math.Min(delay, MaxDelay.TotalSeconds));
    }

    /// <summary>True when the next attempt would start past the retry window: the delivery is given up on.</summary>
    public bool IsExhausted(DateTimeOffset firstAttempt, DateTimeOffset now, int attempts) => now + DelayAfter(attempts) - firstAttempt > RetryFor;
}
