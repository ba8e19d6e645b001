namespace Retention.Pipeline.Snapshots;

/// <summary>One shop's nightly work on <c>snapshot-requests</c>: fan-out lets each shop run on its own instance.</summary>
public sealed record SnapshotRequestMessage(string Shop, DateOnly AsOf);
