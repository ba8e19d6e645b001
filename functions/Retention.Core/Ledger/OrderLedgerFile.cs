using System.Text;

namespace Retention.Core.Ledger;

/// <summary>
/// The binary form of an <see cref="OrderLedger"/>, as the nightly job keeps it between nights. Customer keys are
/// written once in a dictionary and referenced by index, so a million orders take about 40 bytes each; the strings of
/// the orders' facets (product ids and titles, channels, codes, countries) likewise, in a second dictionary; an order's
/// facets are its channel, country, codes and distinct products with their titles, as indexes into it. A file of
/// another format version is refused (<see cref="InvalidDataException"/>) and the caller rebuilds from the orders.
/// </summary>
public static class OrderLedgerFile
{
    /// <summary>Bump on any change of the layout below: older files are then rebuilt, never misread.</summary>
    public const int FormatVersion = 3;

    private const uint Magic = 0x5245444C; // "LDER" little-endian: a cheap check that this is a ledger at all

    public static void Write(OrderLedger ledger, Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ledger.ShopId);
        writer.Write(ledger.TimeZoneId);

        var customerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var customers = new List<string>();
        foreach (var order in ledger.Orders)
            if (customerIndex.TryAdd(order.CustomerKey, customers.Count)) customers.Add(order.CustomerKey);
        writer.Write7BitEncodedInt(customers.Count);
        foreach (var key in customers) writer.Write(key);

        // The facets' strings in the order the orders first use them, so that equal ledgers give equal files however
        // their strings were numbered (a fold numbers the day's new strings after yesterday's).
        var facetData = ledger.Facets;
        var fileIndex = new int[facetData.Strings.Count]; // index in the file + 1; 0: not written
        var written = new List<int>();
        void Use(int number)
        {
            if (number != LedgerStrings.None && fileIndex[number] == 0)
            {
                written.Add(number);
                fileIndex[number] = written.Count;
            }
        }
        foreach (var order in ledger.Orders)
        {
            if (order.FacetsAt == LedgerFacetData.NoFacets) continue;
            var facets = facetData.At(order.FacetsAt);
            Use(facets.ChannelNumber);
            Use(facets.CountryNumber);
            for (var c = 0; c < facets.DiscountCodeCount; c++) Use(facets.CodeNumberAt(c));
            for (var p = 0; p < facets.ProductCount; p++)
            {
                Use(facets.ProductNumberAt(p));
                Use(facets.TitleNumberAt(p));
            }
        }
        writer.Write7BitEncodedInt(written.Count);
        foreach (var number in written) writer.Write(facetData.Strings[number]);
        int Ref(int number) => number == LedgerStrings.None ? 0 : fileIndex[number];

        writer.Write7BitEncodedInt(ledger.Count);
        foreach (var order in ledger.Orders)
        {
            writer.Write7BitEncodedInt(customerIndex[order.CustomerKey]);
            writer.Write(order.OrderId);
            writer.Write(order.Day);
            writer.Write(order.CancelDay);
            writer.Write(order.Total);
            var hasFacets = order.FacetsAt != LedgerFacetData.NoFacets;
            writer.Write((byte)((order.IsTest ? 1 : 0) | (order.WasEverLive ? 2 : 0) | (hasFacets ? 4 : 0)));
            writer.Write7BitEncodedInt(order.Refunds.Count);
            foreach (var refund in order.Refunds)
            {
                writer.Write(refund.Day);
                writer.Write(refund.Amount);
            }
            if (!hasFacets) continue;
            var facets = facetData.At(order.FacetsAt);
            writer.Write7BitEncodedInt(Ref(facets.ChannelNumber));
            writer.Write7BitEncodedInt(Ref(facets.CountryNumber));
            writer.Write7BitEncodedInt(facets.DiscountCodeCount);
            for (var c = 0; c < facets.DiscountCodeCount; c++) writer.Write7BitEncodedInt(Ref(facets.CodeNumberAt(c)));
            writer.Write7BitEncodedInt(facets.ProductCount);
            for (var p = 0; p < facets.ProductCount; p++)
            {
                writer.Write7BitEncodedInt(Ref(facets.ProductNumberAt(p)));
                writer.Write7BitEncodedInt(Ref(facets.TitleNumberAt(p)));
            }
        }
        writer.Write(Magic);
    }

    public static OrderLedger Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("not an order ledger");
            var version = reader.ReadInt32();
            if (version != FormatVersion) throw new InvalidDataException($"order ledger format {version}, expected {FormatVersion}");
            var shopId = reader.ReadString();
            var timeZoneId = reader.ReadString();

            var customers = new string[ReadCount(reader)];
            for (var i = 0; i < customers.Length; i++) customers[i] = reader.ReadString();

            var facetData = new LedgerFacetData();
            var numbers = new int[ReadCount(reader)];
            for (var i = 0; i < numbers.Length; i++) numbers[i] = facetData.Strings.NumberOf(reader.ReadString());
            int Number()
            {
                var index = reader.Read7BitEncodedInt();
                if (index == 0) return LedgerStrings.None;
                return (uint)(index - 1) < (uint)numbers.Length ? numbers[index - 1]
                    : throw new InvalidDataException($"a facet names string {index - 1} of {numbers.Length}");
            }
            int Required() => Number() is var number and not LedgerStrings.None ? number
                : throw new InvalidDataException("a facet lacks a value it needs");

            var orders = new LedgerOrder[ReadCount(reader)];
            for (var i = 0; i < orders.Length; i++)
            {
                var customer = reader.Read7BitEncodedInt();
                if ((uint)customer >= (uint)customers.Length) throw new InvalidDataException($"order {i} names customer {customer} of {customers.Length}");
                var orderId = reader.ReadString();
                var day = reader.ReadInt32();
                var cancelDay = reader.ReadInt32();
                var total = reader.ReadDecimal();
                var flags = reader.ReadByte();
                var refunds = ReadCount(reader) is var count and > 0 ? new LedgerRefund[count] : null;
                for (var r = 0; refunds is not null && r < refunds.Length; r++) refunds[r] = new LedgerRefund(reader.ReadInt32(), reader.ReadDecimal());
                var facetsAt = LedgerFacetData.NoFacets;
                if ((flags & 4) != 0)
                {
                    // The layout LedgerFacetData.Add writes: channel, country, codes, then products with their titles.
                    facetsAt = facetData.Start();
                    facetData.Push(Required());
                    facetData.Push(Number());
                    var codes = ReadCount(reader);
                    facetData.Push(codes);
                    for (var c = 0; c < codes; c++) facetData.Push(Required());
                    var products = ReadCount(reader);
                    facetData.Push(products);
                    for (var p = 0; p < products; p++)
                    {
                        facetData.Push(Required());
                        facetData.Push(Number());
                    }
                }
                orders[i] = new LedgerOrder(customers[customer], orderId, day, cancelDay, total, (flags & 1) != 0, (flags & 2) != 0, refunds,
                    facetsAt);
            }
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("the order ledger does not end where it should");
            return new OrderLedger(shopId, timeZoneId, orders, facetData);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the order ledger is truncated");
        }
    }

    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count >= 0 ? count : throw new InvalidDataException("negative count in the order ledger");
    }
}
