using Retention.Core.Customers;
using Retention.Core.Orders;

namespace Retention.Core.Import.Lines;

/// <summary>
/// Reads a <c>lines-csv</c> file (<c>docs/import.md</c>): one row per line item, in the shop's own column names mapped by
/// <see cref="LinesCsvColumns"/>. The rows of one <c>order_id</c> make one order, wherever in the file they are; a row
/// with a negative quantity returns that product, and is attached to the same customer's latest earlier order in the
/// file that holds the product, as a new version of that order with a refund and the line's returned quantity.
/// </summary>
/// <remarks>
/// What the import counts (<see cref="CsvOrderRow.Index"/>) are the items this yields, in file order of each order's
/// first row: an order (in its state after all the file's returns of it), or a skip (a whole order: a guest's, or one
/// with a row that cannot be read; or one return row that matches no earlier order). A return attached to an earlier
/// order is no item of its own. The file is read whole before the first item: an order's rows need not be next to each
/// other, and its returns may come months of rows later.
/// </remarks>
public sealed class LinesCsvOrderReader : IOrderExportReader
{
    public const string Format = "lines-csv";

    private readonly IEnumerator<CsvRecord> _records;
    private readonly LinesCsvPositions _columns;
    private readonly ShopContext _shop;
    private readonly string _source;
    private readonly LinesCsvRowParser _parser;

    private LinesCsvOrderReader(IEnumerator<CsvRecord> records, LinesCsvPositions columns, ShopContext shop, TimeZoneInfo timeZone, string source)
    {
        _records = records;
        _columns = columns;
        _shop = shop;
        _source = source;
        _parser = new LinesCsvRowParser(columns, timeZone);
    }

    /// <summary>What the file held beyond the orders: for the import's summary. Complete once <see cref="ReadRows"/> is read.</summary>
    public LinesCsvTally Tally { get; } = new();

    public IEnumerable<string> Notes => Tally.Describe();

    /// <exception cref="InvalidDataException">the file is empty, or its header lacks a column <paramref name="columns"/> names.</exception>
    public static LinesCsvOrderReader Open(TextReader text, ShopContext shop, TimeZoneInfo timeZone, string source, LinesCsvColumns columns)
    {
        var (records, header) = ExportHeader.Read(text, Format);
        return new LinesCsvOrderReader(records, columns.Locate(header), shop, timeZone, source);
    }

    /// <summary>The items <see cref="ReadRows"/> yields, for the progress display (read with a neutral shop: UTC, any currency).</summary>
    public static long CountRows(TextReader text, LinesCsvColumns columns, CancellationToken cancellationToken)
    {
        var reader = Open(text, new ShopContext("count", "", ""), TimeZoneInfo.Utc, "count", columns);
        long items = 0;
        foreach (var _ in reader.ReadRows())
            if (++items % 10_000 == 0) cancellationToken.ThrowIfCancellationRequested();
        return items;
    }

    public IEnumerable<CsvOrderRow> ReadRows()
    {
        var groups = ReadGroups();
        var ordersOf = new Dictionary<string, List<ImportedOrder>>(StringComparer.Ordinal);
        var outcomes = new List<(ImportedOrder? Order, ImportSkip? Skip, long Line)>();
        foreach (var group in groups) outcomes.AddRange(Resolve(group, ordersOf));
        // Returns are applied before anything is yielded, so each order is stored once, in its state after every
        // return in the file: no second version of an order shares a batch with the first, nor falls back to one
        // write per order because the first is stored already.
        long index = 0;
        foreach (var (order, skip, line) in outcomes)
            yield return new CsvOrderRow(index++, line, order?.Final(), skip);
    }

    /// <summary>Every record, as the groups of one order id in the order of their first row; a record without one stands alone.</summary>
    private List<LinesCsvGroup> ReadGroups()
    {
        var groups = new List<LinesCsvGroup>();
        var byOrder = new Dictionary<string, LinesCsvGroup>(StringComparer.Ordinal);
        while (_records.MoveNext())
        {
            var record = _records.Current;
            Tally.FileRows++;
            if (record.ShapeProblem(_columns.Count) is { } shape)
            {
                groups.Add(LinesCsvGroup.Unreadable(record.Line, shape));
                continue;
            }
            var orderId = _parser.OrderIdOf(record.Values);
            if (orderId.Length == 0)
            {
                groups.Add(LinesCsvGroup.Unreadable(record.Line, $"{LinesCsvColumns.OrderId}: is required"));
                continue;
            }
            if (!byOrder.TryGetValue(orderId, out var group))
            {
                byOrder[orderId] = group = new LinesCsvGroup(orderId, record.Line);
                groups.Add(group);
            }
            group.RowCount++;
            if (group.Problem is not null) continue;
            var problem = _parser.TryRead(record.Line, record.Values, out var row);
            if (problem is not null) group.Fail($"line {record.Line}: {problem}");
            else group.Rows.Add(row!);
        }
        return groups;
    }

    private IEnumerable<(ImportedOrder? Order, ImportSkip? Skip, long Line)> Resolve(LinesCsvGroup group,
        Dictionary<string, List<ImportedOrder>> ordersOf)
    {
        if (group.OrderId is null)
        {
            Tally.UnreadableRows++;
            yield return (null, new ImportSkip(group.FirstLine, null, group.Problem!), group.FirstLine);
            yield break;
        }
        if (Refuse(group) is { } refused)
        {
            yield return (null, new ImportSkip(group.FirstLine, group.OrderId, refused), group.FirstLine);
            yield break;
        }

        var customerId = group.Rows[0].CustomerId;
        var purchases = group.Rows.Where(r => !r.IsReturn).ToList();
        ImportedOrder? placed = null;
        if (purchases.Count > 0)
        {
            placed = Place(group, purchases);
            Tally.Orders++;
            Tally.Lines += purchases.Count;
            yield return (placed, null, group.FirstLine);
        }

        if (!ordersOf.TryGetValue(customerId, out var earlier)) ordersOf[customerId] = earlier = [];
        foreach (var row in group.Rows.Where(r => r.IsReturn))
        {
            var target = LatestHolding(earlier, row);
            if (target is null)
            {
                Tally.UnmatchedReturns++;
                yield return (null, new ImportSkip(row.Line, group.OrderId,
                    $"returns product {row.ProductId}, which no earlier order of customer {customerId} in the file holds"), row.Line);
                continue;
            }
            if (target.Return(group.OrderId, row)) Tally.ReturnedOrders++;
            Tally.Returns++;
        }
        if (placed is not null) earlier.Add(placed);
        group.Rows.Clear();
    }

    /// <summary>Why the group cannot be an order (nor its returns be read), or null.</summary>
    private string? Refuse(LinesCsvGroup group)
    {
        if (group.Problem is { } problem)
        {
            Tally.RefusedOrders++;
            return $"order {group.OrderId} is skipped, {Rows(group.RowCount)}: {problem}";
        }
        var customers = group.Rows.Select(r => r.CustomerId).Distinct(StringComparer.Ordinal).ToList();
        if (customers is [""])
        {
            Tally.GuestOrders++;
            Tally.GuestRows += group.RowCount;
            return $"order {group.OrderId} has no {LinesCsvColumns.CustomerId} (a guest's): skipped, {Rows(group.RowCount)}";
        }
        Tally.RefusedOrders++;
        if (customers.Count > 1)
            return $"order {group.OrderId} is skipped: its rows name different customers ({string.Join(", ", customers.Select(c => c.Length == 0 ? "none" : c))})";
        var purchases = group.Rows.Count(r => !r.IsReturn);
        if (purchases > OrderLine.MaxPerOrder)
            return $"order {group.OrderId} is skipped: it has {purchases} lines, more than the {OrderLine.MaxPerOrder} an order may hold";
        var codes = group.Rows.Select(r => r.DiscountCode).OfType<string>().Select(DiscountCode.Clean).OfType<string>().Distinct().Count();
        if (codes > DiscountCode.MaxPerOrder)
            return $"order {group.OrderId} is skipped: it has {codes} discount codes, more than the {DiscountCode.MaxPerOrder} an order may hold";
        if (group.Rows.Select(r => r.Currency).OfType<string>().FirstOrDefault(c => !string.Equals(c, _shop.Currency, StringComparison.OrdinalIgnoreCase))
                is { } currency && _shop.Currency.Length > 0)
            return $"order {group.OrderId} is skipped: {LinesCsvColumns.Currency} {currency} is not the shop's currency {_shop.Currency}";
        Tally.RefusedOrders--;
        return null;
    }

    private static string Rows(int count) => count == 1 ? "its 1 row" : $"all its {count} rows";

    private ImportedOrder Place(LinesCsvGroup group, List<LinesCsvRow> purchases)
    {
        var first = group.Rows[0];
        var orderedAt = group.Rows.Min(r => r.At);
        var lines = purchases.Select(r => new OrderLine(r.ProductId, r.VariantId, r.Sku, r.Title, r.Quantity, r.Amount)).ToList();
        string? country = null;
        if (_columns.Of(LinesCsvColumns.Country) is not null)
        {
            var name = first.Country;
            country = CountryCode.FromName(name);
            if (country == CountryCode.Unknown)
            {
                country = null;
                Tally.CountUnknownCountry(name ?? "");
            }
        }
        var source = group.Rows.Select(r => r.ChannelSource).FirstOrDefault(s => s is not null);
        var medium = group.Rows.Select(r => r.ChannelMedium).FirstOrDefault(s => s is not null);
        var channel = source is null && medium is null ? OrderChannel.Unknown : OrderChannel.From(source, medium, null, null, null, isStorefront: true);
        var order = new NormalizedOrder(_shop.ShopId, group.OrderId!, CustomerKey.FromPlatformId(first.CustomerId), orderedAt, orderedAt,
            _shop.Currency, lines.Sum(l => l.NetAmount), OrderStatus.Paid, null, [], false, Format, $"{_source}#L{group.FirstLine}")
        {
            Lines = lines,
            Channel = channel,
            DiscountCodes = [.. group.Rows.Select(r => r.DiscountCode).OfType<string>().Select(DiscountCode.Clean).OfType<string>().Distinct()],
            Country = country,
        };
        return new ImportedOrder(order);
    }

    /// <summary>The customer's latest order earlier in the file, placed no later than the return, that holds its product.</summary>
    private static ImportedOrder? LatestHolding(List<ImportedOrder> earlier, LinesCsvRow row)
    {
        for (var i = earlier.Count - 1; i >= 0; i--)
            if (earlier[i].Order.OrderedAt <= row.At && earlier[i].Holds(row.ProductId)) return earlier[i];
        return null;
    }
}
