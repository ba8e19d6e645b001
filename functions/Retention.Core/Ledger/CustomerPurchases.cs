namespace Retention.Core.Ledger;

/// <summary>One purchase with what it was made of: its local day, its amount net of refunds by the as-of day, its facets.</summary>
public readonly record struct FacetedPurchase(string OrderId, int Day, decimal NetAmount, LedgerFacets Facets)
{
    public DateOnly OrderedOn => DateOnly.FromDayNumber(Day);
}

/// <summary>
/// One customer's purchases as of a day, in day and order id order, by the ledger's one rule of what a purchase is
/// (<see cref="LedgerOrder.IsPurchaseOn"/>): the input of every figure that asks what a customer's first order held
/// or where it came from. Purchases[0] is the first order.
/// </summary>
public sealed record CustomerPurchases(string CustomerKey, IReadOnlyList<FacetedPurchase> Purchases)
{
    public FacetedPurchase First => Purchases[0];
}
