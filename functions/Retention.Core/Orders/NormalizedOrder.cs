namespace Retention.Core.Orders;

/// <summary>
/// One order in the platform-neutral form every metric is computed from. Each event carries the order's
/// full current state; <see cref="UpdatedAt"/> orders the versions (see <see cref="OrderVersion"/>).
/// Amounts are in the shop's currency. What was bought and where the customer came from (<see cref="Lines"/>,
/// <see cref="Channel"/>, <see cref="DiscountCodes"/>, <see cref="Country"/>) default to none, so an order of a route
/// that does not carry them is still whole.
/// </summary>
public sealed record NormalizedOrder(
    string ShopId,
    string OrderId,
    string CustomerKey,
    DateTimeOffset OrderedAt,
    DateTimeOffset UpdatedAt,
    string Currency,
    decimal Total,
    OrderStatus Status,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<OrderRefund> Refunds,
    bool IsTest,
    string Platform,
    string SourceEventId)
{
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];

    public OrderChannel Channel { get; init; } = OrderChannel.Unknown;

    /// <summary>Cleaned by <see cref="DiscountCode.Clean"/>, each once, in the order the platform lists them.</summary>
    public IReadOnlyList<string> DiscountCodes { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 of the shipping address, else the billing address; null when neither says.</summary>
    public string? Country { get; init; }

    /// <summary>
    /// Equal when every field is, the lists element by element: a record compares lists by reference, which made two
    /// reads of the same body unequal as soon as an order had lines.
    /// </summary>
    public bool Equals(NormalizedOrder? other) =>
        other is not null
        && ShopId == other.ShopId && OrderId == other.OrderId && CustomerKey == other.CustomerKey
        && OrderedAt.Equals(other.OrderedAt) && UpdatedAt.Equals(other.UpdatedAt) && Currency == other.Currency && Total == other.Total
        && Status == other.Status && Nullable.Equals(CancelledAt, other.CancelledAt) && IsTest == other.IsTest && Platform == other.Platform
        && SourceEventId == other.SourceEventId && Country == other.Country && Channel == other.Channel
        && Refunds.SequenceEqual(other.Refunds) && Lines.SequenceEqual(other.Lines) && DiscountCodes.SequenceEqual(other.DiscountCodes, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(ShopId, OrderId, UpdatedAt, Total, Lines.Count);

    public decimal RefundedBy(DateTimeOffset instant) => Refunds.Where(r => r.RefundedAt <= instant).Sum(r => r.Amount);
}
