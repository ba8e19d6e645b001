using Retention.Core.Ledger;

namespace Retention.Core.Audiences;

/// <summary>
/// What a night's audiences read of the ledger, taken with the rest of what the night reads of it (<c>SnapshotService</c>)
/// so that the ledger is let go before the forecast: each customer's first order, when a rule reads it
/// (<see cref="AudienceDefinition.NeedsFirstOrder"/>), and the purchases of every customer who entered an audience before
/// tonight, for the uplift. Tonight's newcomers need none: the uplift counts purchases after the entry day, and tonight is
/// the last day there are purchases of (<see cref="Uplift.AudienceUplift"/>).
/// </summary>
/// <param name="FirstOrders">each customer's first order's facets by customer key; null when no rule reads them.</param>
/// <param name="EnteredBefore">the purchases as of the night of the customers in the stays of the night before.</param>
public sealed record AudienceLedgerFacts(IReadOnlyDictionary<string, LedgerFacets>? FirstOrders, IReadOnlyList<CustomerPurchases> EnteredBefore)
{
    public static AudienceLedgerFacts None { get; } = new(null, []);

    /// <param name="before">the shop's stays as they stood after the night before.</param>
    public static AudienceLedgerFacts Of(OrderLedger ledger, DateOnly asOf, IReadOnlyList<AudienceDefinition> audiences, IReadOnlyList<AudienceStay> before)
    {
        if (audiences.Count == 0) return None;
        var firstOrders = audiences.Any(a => a.NeedsFirstOrder) ? new Dictionary<string, LedgerFacets>(StringComparer.Ordinal) : null;
        var entered = before.Select(s => s.CustomerKey).ToHashSet(StringComparer.Ordinal);
        var purchases = new List<CustomerPurchases>();
        if (firstOrders is null && entered.Count == 0) return None;
        // One pass over the ledger for both.
        foreach (var customer in ledger.CustomersAsOf(asOf))
        {
            firstOrders?.Add(customer.CustomerKey, customer.First.Facets);
            if (entered.Contains(customer.CustomerKey)) purchases.Add(customer);
        }
        return new AudienceLedgerFacts(firstOrders, purchases);
    }
}
