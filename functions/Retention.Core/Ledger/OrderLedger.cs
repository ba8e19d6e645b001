using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Core.Shops;

namespace Retention.Core.Ledger;

/// <summary>
/// Every order of one shop, compact and sorted by customer (ordinal key), local order day and order id: the state
/// the nightly figures are computed from. A night folds the day's changed orders into yesterday's ledger
/// (<see cref="Apply"/>) instead of reading the whole history again; any as-of day can be computed from it
/// (<see cref="PurchasesAsOf"/>), because the order, cancellation and refund days are all kept.
/// <para>
/// Held as columns: each customer key once with where its orders start, and per order its id in one pool, a byte a
/// character for the usual ids (<see cref="LedgerOrderIds"/>), days, total, flags and where its facets are; cancellation
/// days and refunds by order, for the few orders that have them. A row of structs with an id string each was about 100
/// bytes an order before the facets; these columns are about 50 (bench night-child, docs/benchmarks.md).
/// </para>
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

    private readonly string[] _customers;
    private readonly int[] _customerStart;
    private readonly LedgerOrderIds _ids;
    private readonly int[] _day;
    private readonly IReadOnlyDictionary<int, int> _cancelDays;
    private readonly decimal[] _total;
    private readonly byte[] _flags;
    private readonly int[] _facetsAt;
    private readonly IReadOnlyDictionary<int, LedgerRefund[]> _refunds;

    private OrderLedger(string shopId, string timeZoneId, Columns columns, LedgerFacetData facets)
    {
        ShopId = shopId;
        TimeZoneId = timeZoneId;
        (_customers, _customerStart, _ids, _day, _cancelDays, _total, _flags, _facetsAt, _refunds) =
            (columns.Customers, columns.CustomerStart, columns.Ids, columns.Day, columns.CancelDays, columns.Total, columns.Flags, columns.FacetsAt,
                columns.Refunds);
        Facets = facets;
    }

    public string ShopId { get; }

    /// <summary>The time zone the days were computed in: a ledger of another zone must be rebuilt, not reused.</summary>
    public string TimeZoneId { get; }

    public int Count => _day.Length;

    /// <summary>Customers with at least one order (of any status).</summary>
    public int CustomerCount => _customers.Length;

    /// <summary>The facets of the ledger's orders and the strings they are numbers of.</summary>
    internal LedgerFacetData Facets { get; }

    /// <summary>The characters of every order id together (the ledger file's size of the id pool).</summary>
    internal int OrderIdCharacters => _ids.Characters;

    // The columns as the ledger file writes them: customer c's orders are CustomerStart(c) .. CustomerStart(c + 1).
    internal string CustomerAt(int customer) => _customers[customer];
    internal int CustomerStart(int customer) => _customerStart[customer];
    /// <summary>Order <paramref name="order"/>'s id, in <paramref name="buffer"/> (made larger when it is too small).</summary>
    internal ReadOnlySpan<char> OrderIdAt(int order, ref char[] buffer) => _ids.Read(order, ref buffer);
    internal int DayAt(int order) => _day[order];
    /// <summary>The order's cancellation day, or <see cref="LedgerOrder.NotCancelled"/>: the flag decides, as for refunds.</summary>
    internal int CancelDayAt(int order) => (_flags[order] & LedgerFlags.Cancelled) != 0 ? _cancelDays[order] : LedgerOrder.NotCancelled;
    internal decimal TotalAt(int order) => _total[order];
    internal byte FlagsAt(int order) => _flags[order];
    internal int FacetsAtOf(int order) => _facetsAt[order];
    /// <summary>The order's refunds, or null: the flag decides, so the many orders without any cost no dictionary lookup.</summary>
    internal LedgerRefund[]? RefundsAt(int order) => (_flags[order] & LedgerFlags.HasRefunds) != 0 ? _refunds[order] : null;

    public bool IsFor(Shop shop) => ShopId == shop.Id && TimeZoneId == shop.TimeZoneId;

    public static OrderLedger Empty(Shop shop) => new(shop.Id, shop.TimeZoneId, new Builder(0, 0).Columns(), new LedgerFacetData());

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
        rows = null;
        Array.Sort(sorted, ByCustomerDayOrder);
        var builder = new Builder(sorted.Length, sorted.Sum(o => o.OrderId.Length));
        foreach (var order in sorted) builder.Add(order);
        return new OrderLedger(shop.Id, shop.TimeZoneId, builder.Columns(), facets);
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
        var facets = Facets;
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

        // The rows replaced or removed are found once, by the pooled characters (no order's id is made a string to be
        // checked), then counted for the new columns' sizes and skipped in the merge.
        var isReplaced = replaced.GetAlternateLookup<ReadOnlySpan<char>>();
        var dropped = new System.Collections.BitArray(replaced.Count > 0 ? Count : 0);
        int kept = Count, keptCharacters = _ids.Characters;
        var id = new char[64];
        for (var i = 0; i < dropped.Length; i++)
            if (isReplaced.Contains(_ids.Read(i, ref id))) (dropped[i], kept, keptCharacters) = (true, kept - 1, keptCharacters - _ids.LengthOf(i));
        var builder = new Builder(kept + additions.Length, keptCharacters + additions.Sum(o => o.OrderId.Length));
        var a = 0;
        for (var c = 0; c < _customers.Length; c++)
        {
            var key = _customers[c];
            for (var i = _customerStart[c]; i < _customerStart[c + 1]; i++)
            {
                if (dropped.Length > 0 && dropped[i]) continue;
                while (a < additions.Length && Compare(additions[a], key, i) < 0) builder.Add(additions[a++]);
                builder.Add(key, _ids, i, _day[i], CancelDayAt(i), _total[i], _flags[i], _facetsAt[i], RefundsAt(i));
            }
        }
        while (a < additions.Length) builder.Add(additions[a++]);
        return new OrderLedger(ShopId, TimeZoneId, builder.Columns(), facets);
    }

    /// <summary>An added order against this ledger's order <paramref name="order"/> of customer <paramref name="key"/>, as <see cref="ByCustomerDayOrder"/>.</summary>
    private int Compare(in LedgerOrder added, string key, int order)
    {
        var byCustomer = string.CompareOrdinal(added.CustomerKey, key);
        if (byCustomer != 0) return byCustomer;
        var byDay = added.Day.CompareTo(_day[order]);
        return byDay != 0 ? byDay : -_ids.CompareTo(order, added.OrderId);
    }

    private bool IsPurchaseOn(int order, int dayNumber, out decimal netAmount)
    {
        var flags = _flags[order];
        return LedgerOrder.IsPurchase(dayNumber, (flags & LedgerFlags.Test) != 0, _day[order], (flags & LedgerFlags.EverLive) != 0, CancelDayAt(order),
            _total[order], RefundsAt(order), out netAmount);
    }

    /// <summary>The purchases as of the end of <paramref name="day"/>, in the ledger's order (no sort needed).</summary>
    public PurchaseHistory PurchasesAsOf(DateOnly day) => Purchases(day, keepOrderIds: true);

    /// <summary>
    /// The purchases as of the end of <paramref name="day"/> as the figures read them (customer, day, net amount), without
    /// their order ids: the history does not point into this ledger's id pool, so the pool goes with the ledger (at
    /// 10,000,000 orders about 280 MiB that the purchases kept alive through the forecast). Its
    /// <see cref="PurchaseHistory.Purchases"/> refuses to be read.
    /// </summary>
    public PurchaseHistory PurchasesWithoutIdsAsOf(DateOnly day) => Purchases(day, keepOrderIds: false);

    private PurchaseHistory Purchases(DateOnly day, bool keepOrderIds)
    {
        var dayNumber = day.DayNumber;
        // Counted first, then filled: arrays of the exact size, where lists grown and copied to arrays held each column twice.
        int purchases = 0, customers = 0;
        for (var c = 0; c < _customers.Length; c++)
        {
            var any = false;
            for (var i = _customerStart[c]; i < _customerStart[c + 1]; i++)
                if (IsPurchaseOn(i, dayNumber, out _)) (purchases, any) = (purchases + 1, true);
            if (any) customers++;
        }
        var days = new int[purchases];
        var amounts = new decimal[purchases];
        var orders = keepOrderIds ? new int[purchases] : null;
        var keys = new string[customers];
        var starts = new int[customers + 1];
        int n = 0, k = 0;
        for (var c = 0; c < _customers.Length; c++)
        {
            var first = n;
            for (var i = _customerStart[c]; i < _customerStart[c + 1]; i++)
            {
                if (!IsPurchaseOn(i, dayNumber, out var net)) continue;
                days[n] = _day[i];
                amounts[n] = net;
                if (orders is not null) orders[n] = i;
                n++;
            }
            if (n == first) continue;
            starts[k] = first;
            keys[k++] = _customers[c];
        }
        starts[k] = n;
        return PurchaseHistory.FromTable(PurchaseTable.Create(day, keys, starts, days, amounts, orders is null ? null : new OrderIdList(_ids, orders)));
    }

    /// <summary>
    /// Each customer's purchases as of the end of <paramref name="day"/>, customer by customer in key order, streamed:
    /// one customer's list is alive at a time, so the dimension figures add a customer, not the shop, to the night's memory.
    /// </summary>
    public IEnumerable<CustomerPurchases> CustomersAsOf(DateOnly day)
    {
        var dayNumber = day.DayNumber;
        for (var c = 0; c < _customers.Length; c++)
        {
            List<FacetedPurchase>? purchases = null;
            for (var i = _customerStart[c]; i < _customerStart[c + 1]; i++)
                if (IsPurchaseOn(i, dayNumber, out var net))
                    (purchases ??= new(_customerStart[c + 1] - i)).Add(new FacetedPurchase(_ids, i, _day[i], net, Facets.At(_facetsAt[i])));
            if (purchases is not null) yield return new CustomerPurchases(_customers[c], purchases);
        }
    }

    /// <summary>The shop's net revenue to the end of <paramref name="day"/>: the sum <see cref="PurchasesAsOf"/> would give, without building it.</summary>
    public decimal NetRevenueAsOf(DateOnly day)
    {
        var total = 0m;
        var dayNumber = day.DayNumber;
        for (var i = 0; i < _day.Length; i++)
            if (IsPurchaseOn(i, dayNumber, out var net)) total += net;
        return total;
    }

    private static void CheckShop(Shop shop, NormalizedOrder order)
    {
        if (order.ShopId != shop.Id) throw new ArgumentException($"order {order.OrderId} belongs to shop {order.ShopId}, not {shop.Id}");
    }

    /// <summary>A ledger read from its file: the columns as <see cref="OrderLedgerFile"/> filled them.</summary>
    internal static OrderLedger FromFile(string shopId, string timeZoneId, Builder builder, LedgerFacetData facets) =>
        new(shopId, timeZoneId, builder.Columns(), facets);

    internal sealed record Columns(string[] Customers, int[] CustomerStart, LedgerOrderIds Ids, int[] Day, IReadOnlyDictionary<int, int> CancelDays, decimal[] Total,
        byte[] Flags, int[] FacetsAt, IReadOnlyDictionary<int, LedgerRefund[]> Refunds);

    /// <summary>
    /// The columns filled order by order in the ledger's order (customer, day, order id), into arrays of the size given:
    /// a fold and a file read know their order count, so no column is grown and copied.
    /// </summary>
    internal sealed class Builder(int orders, int idCharacters)
    {
        private readonly List<string> _customers = [];
        private readonly List<int> _customerStart = [];
        private readonly LedgerOrderIds.Builder _ids = new(orders, idCharacters);
        private readonly int[] _day = new int[orders];
        private readonly Dictionary<int, int> _cancelDays = [];
        private readonly decimal[] _total = new decimal[orders];
        private readonly byte[] _flags = new byte[orders];
        private readonly int[] _facetsAt = new int[orders];
        private readonly Dictionary<int, LedgerRefund[]> _refunds = [];
        private string? _customer;
        private int _count;

        public void Add(in LedgerOrder order) =>
            Add(order.CustomerKey, order.OrderId, order.Day, order.CancelDay, order.Total, order.Flags, order.FacetsAt, order.RefundArray);

        /// <param name="flags"><see cref="LedgerFlags.Test"/> and <see cref="LedgerFlags.EverLive"/>; whether it has refunds is set here.</param>
        public void Add(string customerKey, ReadOnlySpan<char> orderId, int day, int cancelDay, decimal total, byte flags, int facetsAt,
            LedgerRefund[]? refunds)
        {
            if (_count == _day.Length) throw new InvalidOperationException($"the ledger was sized for {_day.Length} orders");
            _ids.Add(orderId);
            AddColumns(customerKey, day, cancelDay, total, flags, facetsAt, refunds);
        }

        /// <summary>An order kept from another ledger, its id copied from that ledger's pool (<paramref name="ids"/>, <paramref name="order"/>).</summary>
        public void Add(string customerKey, LedgerOrderIds ids, int order, int day, int cancelDay, decimal total, byte flags, int facetsAt,
            LedgerRefund[]? refunds)
        {
            if (_count == _day.Length) throw new InvalidOperationException($"the ledger was sized for {_day.Length} orders");
            _ids.Add(ids, order);
            AddColumns(customerKey, day, cancelDay, total, flags, facetsAt, refunds);
        }

        private void AddColumns(string customerKey, int day, int cancelDay, decimal total, byte flags, int facetsAt, LedgerRefund[]? refunds)
        {
            // One customer's orders are adjacent; their key is one instance, so the reference check usually decides.
            if (!ReferenceEquals(customerKey, _customer) && !string.Equals(customerKey, _customer, StringComparison.Ordinal))
            {
                if (_customer is not null && string.CompareOrdinal(customerKey, _customer) < 0)
                    throw new InvalidDataException($"customer {customerKey} comes after {_customer}: the ledger is not in customer order");
                _customers.Add(customerKey);
                _customerStart.Add(_count);
                _customer = customerKey;
            }
            _day[_count] = day;
            var cancelled = cancelDay != LedgerOrder.NotCancelled;
            if (cancelled) _cancelDays.Add(_count, cancelDay);
            _total[_count] = total;
            _facetsAt[_count] = facetsAt;
            var hasRefunds = refunds is { Length: > 0 };
            if (hasRefunds) _refunds.Add(_count, refunds!);
            _flags[_count++] = (byte)((flags & (LedgerFlags.Test | LedgerFlags.EverLive)) | (hasRefunds ? LedgerFlags.HasRefunds : 0) | (cancelled ? LedgerFlags.Cancelled : 0));
        }

        public Columns Columns()
        {
            if (_count != _day.Length) throw new InvalidDataException($"the ledger holds {_count} orders, not the {_day.Length} it was sized for");
            _customerStart.Add(_count);
            return new Columns([.. _customers], [.. _customerStart], _ids.Build(), _day, _cancelDays, _total, _flags, _facetsAt, _refunds);
        }
    }

    /// <summary>The order ids of a purchase history from the ledger's pool: made strings only when one is read.</summary>
    private sealed class OrderIdList(LedgerOrderIds ids, int[] orders) : IReadOnlyList<string>
    {
        public string this[int index] => ids.StringAt(orders[index]);
        public int Count => orders.Length;

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < orders.Length; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
