namespace Retention.Core.Metrics;

/// <summary>
/// One purchase as every retention metric sees it: whose, on which day of the shop's calendar, and its amount
/// net of the refunds made up to the as-of date. Test, pending, failed, cancelled (by the as-of date) and fully
/// refunded orders are not purchases (<see cref="Ledger.LedgerOrder.IsPurchaseOn"/>).
/// </summary>
public readonly record struct Purchase(string CustomerKey, string OrderId, DateOnly Day, decimal NetAmount);
