namespace Retention.Pipeline.Status;

/// <summary>
/// What the on-call engineer asks first (<c>retention status</c>): the queues, and per shop its last deliveries and its
/// latest night. It needs attention when a message is parked in a poison queue or a shown shop's latest night failed.
/// </summary>
/// <param name="ReadAt">when it was read, which the ages it shows count from.</param>
public sealed record PipelineStatus(DateTimeOffset ReadAt, IReadOnlyList<QueueStatus> Queues, IReadOnlyList<ShopStatus> Shops)
{
    public bool NeedsAttention => Queues.Any(q => q.Poison > 0) || Shops.Any(s => s.LastNightFailed);
}
