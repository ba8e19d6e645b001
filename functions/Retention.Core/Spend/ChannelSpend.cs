namespace Retention.Core.Spend;

/// <summary>A month's acquisition spend on one channel (<see cref="SpendChannel"/>): the sum of that channel's entries of the month.</summary>
public sealed record ChannelSpend(string Channel, DateOnly Month, decimal Amount);

/// <summary>
/// A shop's spend as the night reads it: retention spend per month (entries without a channel, the cost of retention) and
/// acquisition spend per channel and month (entries with one, the CAC of <see cref="ChannelPayback"/>).
/// </summary>
public sealed record ShopSpend(IReadOnlyDictionary<DateOnly, decimal> Retention, IReadOnlyList<ChannelSpend> Channels)
{
    /// <summary>Retention spend recorded for an audience (<c>spend add --audience</c>), summed over every month: the cost side of its measured ROI.</summary>
    public IReadOnlyDictionary<string, decimal> Audiences { get; init; } = new Dictionary<string, decimal>();
}
