namespace Retention.Pipeline.Snapshots;

/// <summary>
/// One shop's night as the on-call engineer needs it (<see cref="NightRunTable"/>): which day, how it ended, when it
/// started and how long it took, and the orders it counted, or the failure's reason in one line. Nothing personal: the
/// reason is the exception's first line, which the pipeline's own messages fill with shop, day and storage names.
/// </summary>
/// <param name="Orders">the orders the night counted (the headline figure); null for a night that failed.</param>
/// <param name="Failure">the exception's type and first line, at most <see cref="MaxFailureLength"/> characters; null for a night that completed.</param>
public sealed record NightRunRecord(string ShopId, DateOnly AsOf, NightOutcome Outcome, DateTimeOffset StartedAt, TimeSpan Duration,
    int? Orders, string? Failure)
{
    public const int MaxFailureLength = 300;

    public static NightRunRecord Completed(string shopId, DateOnly asOf, DateTimeOffset startedAt, TimeSpan duration, int orders) =>
        new(shopId, asOf, NightOutcome.Completed, startedAt, duration, orders, null);

    public static NightRunRecord Failed(string shopId, DateOnly asOf, DateTimeOffset startedAt, TimeSpan duration, Exception failure) =>
        new(shopId, asOf, NightOutcome.Failed, startedAt, duration, null, Reason(failure));

    /// <summary>The exception's type and the first line of its message, cut to <see cref="MaxFailureLength"/>.</summary>
    public static string Reason(Exception failure)
    {
        var line = $"{failure.GetType().Name}: {failure.Message.Split('\n')[0].Trim()}";
        return line.Length <= MaxFailureLength ? line : line[..(MaxFailureLength - 3)] + "...";
    }
}
