namespace Retention.Core.Orders;

/// <summary>Money given back on an order, dated so that it reduces net revenue on the day it happens.</summary>
public sealed record OrderRefund(string RefundId, decimal Amount, DateTimeOffset RefundedAt);
