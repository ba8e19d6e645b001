namespace Retention.Core.Snapshots;

/// <summary>
/// The nightly figures of one shop as of the end of one day in the shop's time zone (<c>docs/metrics.md</c>).
/// "Lifetime" figures cover every day up to and including <see cref="AsOf"/>; "on day" figures cover that day alone.
/// Money is net of refunds and cancellations, in <see cref="Currency"/>.
/// </summary>
public sealed record ShopSnapshot(
    string ShopId,
    DateOnly AsOf,
    string Currency,
    int Customers,
    int NewCustomers,
    int RepeatCustomers,
    int Orders,
    int OrdersOnDay,
    decimal NetRevenue,
    decimal NetRevenueOnDay,
    decimal AverageOrderValue,
    decimal RepeatPurchaseRate,
    decimal PurchaseFrequency);
