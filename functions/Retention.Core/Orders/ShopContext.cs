namespace Retention.Core.Orders;

/// <summary>What a normalizer needs to know of the shop an event belongs to.</summary>
public sealed record ShopContext(string ShopId, string Currency, string CustomerIdSalt);
