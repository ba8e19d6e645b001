using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Status;

/// <summary>One shop as <c>retention status</c> shows it: its last delivery of each platform, and its latest night.</summary>
/// <param name="Deliveries">one per platform that ever delivered, by platform name; empty before the first.</param>
/// <param name="LastNight">the night of the latest as-of date it ran; null before its first.</param>
public sealed record ShopStatus(string ShopId, IReadOnlyList<LastDelivery> Deliveries, NightRunRecord? LastNight)
{
    public bool LastNightFailed => LastNight?.Outcome == NightOutcome.Failed;
}
