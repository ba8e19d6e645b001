namespace Retention.Pipeline.Status;

/// <summary>One queue of the pipeline as <c>retention status</c> shows it.</summary>
/// <param name="Depth">the service's approximate count, which includes messages hidden while being processed or waiting out a back-off.</param>
/// <param name="OldestQueuedAt">when the message at the front was queued (a peek: only a visible one is seen); null when none is.</param>
/// <param name="Poison">the approximate count parked in the queue's <c>-poison</c> queue.</param>
public sealed record QueueStatus(string Queue, int Depth, DateTimeOffset? OldestQueuedAt, int Poison);
