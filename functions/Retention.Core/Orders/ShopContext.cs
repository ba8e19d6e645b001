using Retention.Core.Events;
using Retention.Core.Shops;

namespace Retention.Core.Orders;

/// <summary>What a normalizer needs to know of the shop an event belongs to.</summary>
public sealed record ShopContext(string ShopId, string Currency, string CustomerIdSalt)
{
    /// <summary>An order's <c>currency</c> must be an ISO 4217 code and the shop's own: amounts are kept in one currency per shop.</summary>
    internal void RequireOwnCurrency(string currency)
    {
        if (!CurrencyCode.IsValid(currency)) throw new EventFieldException("currency", "must be an ISO 4217 code such as EUR");
        if (currency != Currency)
            throw new EventFieldException("currency", $"must be the shop's currency {Currency}: amounts are kept in one currency per shop");
    }
}
