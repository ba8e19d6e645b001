using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Core.Ledger;

/// <summary>
/// Every order of one shop, compact and sorted by customer (ordinal key), local order day and order id: the state
/// the nightly figures are computed from. A night folds the day's changed orders into yesterday's ledger
/// (<see cref="Apply"/>) instead of reading the whole history again; any as-of day can be computed from it
/// (<see cref="PurchasesAsOf"/>), because the order, cancellation and refund days are all kept.
/// </summary>
public sealed class OrderLedger
{
    private static readonly Comparison<LedgerOrder> ByCustomerDayOrder = static (x, y) =>
    {
        var byCustomer = string.CompareOrdinal(x.CustomerKey, y.CustomerKey);
        if (byCustomer != 0) return byCustomer;
        var byDay = x.Day.CompareTo(y.Day);
        return byDay != 0 ? byDay : string.CompareOrdinal(x.OrderId, y.OrderId);
    };

    private readonly LedgerOrder[] _orders;
    private readonly LedgerFacetData _facets;

    internal OrderLedger(string shopId, string timeZoneId, LedgerOrder[] sortedOrders, LedgerFacetData facets)
    {
        ShopId = shopId;
        TimeZoneId = timeZoneId;
        _orders = sortedOrders;
        _facets = facets;
    }

    public string ShopId { get; }

    /// <summary>The time zone the days were computed in: a ledger of another zone must be rebuilt, not reused.</summary>
    public string TimeZoneId { get; }

    /// <summary>In customer, day, order id order.</summary>
    public IReadOnlyList<LedgerOrder> Orders => _orders;

    public int Count => _orders.Length;

    /// <summary>The facets of the ledger's orders and the strings they are numbers of.</summary>
    internal LedgerFacetData Facets => _facets;

    /// <summary>The order's products, channel, codes and country: empty when it carries none.</summary>
    public LedgerFacets FacetsOf(in LedgerOrder order) => _facets.At(order.FacetsAt);

    public bool IsFor(Shop shop) => ShopId == shop.Id && TimeZoneId == shop.TimeZoneId;

    public static OrderLedger Empty(Shop shop) => new(shop.Id, shop.TimeZoneId, [], new LedgerFacetData());

    public static OrderLedger Build(Shop shop, IEnumerable<NormalizedOrder> orders)
    {
        var calendar = shop.Calendar();
        var facets = new LedgerFacetData();
        var rows = new List<LedgerOrder>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            CheckShop(shop, order);
            if (!seen.Add(order.OrderId)) throw new ArgumentException($"order {order.OrderId} appears twice");
            rows.Add(LedgerOrder.From(order, calendar, facets));
        }
        var sorted = rows.ToArray();
        Array.Sort(sorted, ByCustomerDayOrder);
        return new OrderLedger(shop.Id, shop.TimeZoneId, sorted, facets);
    }

    /// <summary>
    /// The ledger with <paramref name="changed"/> orders in place of the rows of the same id (or added) and the
    /// <paramref name="removedOrderIds"/> gone; the result is exactly what <see cref="Build"/> gives from the new set
    /// of orders. The work is one pass over the ledger plus a sort of the changes, not a sort of everything.
    /// </summary>
    public OrderLedger Apply(Shop shop, IEnumerable<NormalizedOrder> changed, IEnumerable<string> removedOrderIds)
    {
        if (!IsFor(shop)) throw new ArgumentException($"this ledger is for shop {ShopId} in {TimeZoneId}, not {shop.Id} in {shop.TimeZoneId}");
        var calendar = shop.Calendar();
        // Shared, not copied: the day's orders' facets are appended after this ledger's, and strings only gain numbers, so
        // every place and number this ledger's orders hold stays as it was, for this ledger and the new one alike. A copy
        // kept two of the largest array of a night alive at once (bench nightly: about 36 bytes an order). One fold at a
        // time per ledger: appending is not thread-safe.
        var facets = _facets;
        var replaced = new HashSet<string>(removedOrderIds, StringComparer.Ordinal);
        var added = new List<LedgerOrder>();
        var addedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in changed)
        {
            CheckShop(shop, order);
            if (!addedIds.Add(order.OrderId)) throw new ArgumentException($"order {order.OrderId} is changed twice");
            replaced.Add(order.OrderId);
            added.Add(LedgerOrder.From(order, calendar, facets));
        }
        var additions = added.ToArray();
        Array.Sort(additions, ByCustomerDayOrder);

        var merged = new LedgerOrder[_orders.Length + additions.Length];
        int n = 0, a = 0;
        foreach (var order in _orders)
        {
            if (replaced.Count > 0 && replaced.Contains(order.OrderId)) continue;
            while (a < additions.Length && ByCustomerDayOrder(additions[a], order) < 0) merged[n++] = additions[a++];
            merged[n++] = order;
        }
        while (a < additions.Length) merged[n++] = additions[a++];
        Array.Resize(ref merged, n);
        return new OrderLedger(ShopId, TimeZoneId, merged, facets);
    }

    /// <summary>The purchases as of the end of <paramref name="day"/>, in the ledger's order (no sort needed).</summary>
    public PurchaseHistory PurchasesAsOf(DateOnly day)
    {
        var dayNumber = day.DayNumber;
        // Counted first, then filled: arrays of the exact size, where lists grown and copied to arrays held each column twice.
        int purchases = 0, customers = 0;
        string? previous = null;
        foreach (var order in _orders)
        {
            if (!order.IsPurchaseOn(dayNumber, out _)) continue;
            purchases++;
            if (!ReferenceEquals(order.CustomerKey, previous) && !string.Equals(order.CustomerKey, previous, StringComparison.Ordinal)) customers++;
            previous = order.CustomerKey;
        }
        var days = new int[purchases];
        var amounts = new decimal[purchases];
        var orderIds = new string[purchases];
        var keys = new string[customers];
        var starts = new int[customers + 1];
        int n = 0, c = 0;
        previous = null;
        foreach (var order in _orders)
        {
            if (!order.IsPurchaseOn(dayNumber, out var net)) continue;
            // Keys of one customer are one string instance after a read, so the reference check usually decides.
            if (!ReferenceEquals(order.CustomerKey, previous) && !string.Equals(order.CustomerKey, previous, StringComparison.Ordinal))
            {
                starts[c] = n;
                keys[c++] = order.CustomerKey;
            }
            previous = order.CustomerKey;
            days[n] = order.Day;
            amounts[n] = net;
            orderIds[n++] = order.OrderId;
        }
        starts[c] = n;
        return PurchaseHistory.FromTable(PurchaseTable.Create(day, keys, starts, days, amounts, orderIds));
    }

    /// <summary>
    /// Each customer's purchases as of the end of <paramref name="day"/>, customer by customer in key order, streamed:
    /// one customer's list is alive at a time, so the dimension figures add a customer, not the shop, to the night's memory.
    /// </summary>
    public IEnumerable<CustomerPurchases> CustomersAsOf(DateOnly day)
    {
        var dayNumber = day.DayNumber;
        List<FacetedPurchase>? current = null;
        string? key = null;
        foreach (var order in _orders)
        {
            if (!order.IsPurchaseOn(dayNumber, out var net)) continue;
            if (!ReferenceEquals(order.CustomerKey, key) && !string.Equals(order.CustomerKey, key, StringComparison.Ordinal))
            {
                if (current is not null) yield return new CustomerPurchases(key!, current);
                current = [];
                key = order.CustomerKey;
            }
            current!.Add(new FacetedPurchase(order.OrderId, order.Day, net, _facets.At(order.FacetsAt)));
        }
        if (current is not null) yield return new CustomerPurchases(key!, current);
    }

    /// <summary>The shop's net revenue to the end of <paramref name="day"/>: the sum <see cref="PurchasesAsOf"/> would give, without building it.</summary>
    public decimal NetRevenueAsOf(DateOnly day)
    {
        var total = 0m;
        var dayNumber = day.DayNumber;
        foreach (var order in _orders)
            if (order.IsPurchaseOn(dayNumber, out var net)) total += net;
        return total;
    }

    private static void CheckShop(Shop shop, NormalizedOrder order)
    {
        if (order.ShopId != shop.Id) throw new ArgumentException($"order {order.OrderId} belongs to shop {order.ShopId}, not {shop.Id}");
    }
}
