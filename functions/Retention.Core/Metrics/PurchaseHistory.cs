using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Ledger;

namespace Retention.Core.Metrics;

/// <summary>
/// A shop's purchases as of one day: the common input of the cohort, churn, CLV and RFM figures. Held as columns
/// (one slice per customer), which every figure reads; <see cref="Purchases"/> is the same data as records, built
/// only when asked for.
/// </summary>
public sealed class PurchaseHistory
{
    private readonly Lazy<IReadOnlyList<Purchase>> _purchases;

    private PurchaseHistory(PurchaseTable table)
    {
        Table = table;
        _purchases = new Lazy<IReadOnlyList<Purchase>>(() =>
        {
            var orderIds = table.OrderIds ?? throw new InvalidOperationException(
                "these purchases were taken without their order ids (OrderLedger.PurchasesWithoutIdsAsOf): the figures read them as columns; take OrderLedger.PurchasesAsOf for the records");
            var list = new Purchase[table.Purchases];
            for (var c = 0; c < table.Customers; c++)
                for (var i = table.CustomerStart[c]; i < table.CustomerStart[c + 1]; i++)
                    list[i] = new Purchase(table.CustomerKeys[c], orderIds[i], DateOnly.FromDayNumber(table.Day[i]), table.Amount[i]);
            return list;
        });
    }

    public DateOnly AsOf => Table.AsOf;

    internal PurchaseTable Table { get; }

    /// <summary>Sorted by customer, then day, then order id (ordinal), so every figure is deterministic.</summary>
    /// <exception cref="InvalidOperationException">the history was taken without order ids (<see cref="OrderLedger.PurchasesWithoutIdsAsOf"/>).</exception>
    public IReadOnlyList<Purchase> Purchases => _purchases.Value;

    public int Count => Table.Purchases;

    public int Customers => Table.Customers;

    public static PurchaseHistory Of(Shop shop, DateOnly asOf, IEnumerable<NormalizedOrder> orders) =>
        OrderLedger.Build(shop, orders).PurchasesAsOf(asOf);

    internal static PurchaseHistory FromTable(PurchaseTable table) => new(table);

    /// <summary>For purchases already known (tests, imports); those after <paramref name="asOf"/> are dropped.</summary>
    public static PurchaseHistory FromPurchases(DateOnly asOf, IEnumerable<Purchase> purchases)
    {
        // One array sort with one comparison: two to three times faster than a LINQ OrderBy chain on a million rows.
        var sorted = purchases.Where(p => p.Day <= asOf).ToArray();
        Array.Sort(sorted, static (x, y) =>
        {
            var byCustomer = string.CompareOrdinal(x.CustomerKey, y.CustomerKey);
            if (byCustomer != 0) return byCustomer;
            var byDay = x.Day.CompareTo(y.Day);
            return byDay != 0 ? byDay : string.CompareOrdinal(x.OrderId, y.OrderId);
        });
        return new PurchaseHistory(PurchaseTable.Of(asOf, sorted));
    }
}
