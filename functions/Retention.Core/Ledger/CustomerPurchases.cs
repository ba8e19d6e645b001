namespace Retention.Core.Ledger;

/// <summary>One purchase with what it was made of: its local day, its amount net of refunds by the as-of day, its facets.</summary>
public readonly record struct FacetedPurchase
{
    private readonly string? _orderId;
    private readonly LedgerOrderIds? _ids;
    private readonly int _order;

    public FacetedPurchase(string OrderId, int Day, decimal NetAmount, LedgerFacets Facets)
    {
        _orderId = OrderId;
        (this.Day, this.NetAmount, this.Facets) = (Day, NetAmount, Facets);
    }

    /// <summary>
    /// A ledger's purchase, its id made a string only when asked for: the dimension figures and the channel payback read
    /// every customer's purchases and never their ids (made for each, they were 4,000,000 strings a pass at 4,000,000 orders
    /// and a third of the dimension step's time went to collecting them, bench night-child).
    /// </summary>
    internal FacetedPurchase(LedgerOrderIds ids, int order, int day, decimal netAmount, LedgerFacets facets)
    {
        (_ids, _order) = (ids, order);
        (Day, NetAmount, Facets) = (day, netAmount, facets);
    }

    public string OrderId => _orderId ?? _ids!.StringAt(_order);

    public int Day { get; }

    public decimal NetAmount { get; }

    public LedgerFacets Facets { get; }

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
