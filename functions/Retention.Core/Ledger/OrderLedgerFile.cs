using System.Text;

namespace Retention.Core.Ledger;

/// <summary>
/// The binary form of an <see cref="OrderLedger"/>, as the nightly job keeps it between nights. Customer keys are
/// written once in a dictionary and referenced by index, so a million orders take about 40 bytes each; the strings of
/// the orders' facets (product ids and titles, channels, codes, countries) likewise, in a second dictionary. A file of
/// another format version is refused (<see cref="InvalidDataException"/>) and the caller rebuilds from the orders.
/// </summary>
public static class OrderLedgerFile
{
    /// <summary>Bump on any change of the layout below: older files are then rebuilt, never misread.</summary>
    public const int FormatVersion = 2;

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

        var stringIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var strings = new List<string>();
        void Add(string? value)
        {
            if (value is not null && stringIndex.TryAdd(value, strings.Count)) strings.Add(value);
        }
        foreach (var order in ledger.Orders)
        {
            if (order.Facets is not { } facets) continue;
            Add(facets.Channel);
            Add(facets.Country);
            foreach (var code in facets.DiscountCodes) Add(code);
            foreach (var line in facets.Lines)
            {
                Add(line.ProductId);
                Add(line.Title);
            }
        }
        writer.Write7BitEncodedInt(strings.Count);
        foreach (var value in strings) writer.Write(value);
        // Index + 1, so that 0 is null.
        int Ref(string? value) => value is null ? 0 : stringIndex[value] + 1;

        writer.Write7BitEncodedInt(ledger.Count);
        foreach (var order in ledger.Orders)
        {
            writer.Write7BitEncodedInt(customerIndex[order.CustomerKey]);
            writer.Write(order.OrderId);
            writer.Write(order.Day);
            writer.Write(order.CancelDay);
            writer.Write(order.Total);
            writer.Write((byte)((order.IsTest ? 1 : 0) | (order.WasEverLive ? 2 : 0) | (order.Facets is null ? 0 : 4)));
            writer.Write7BitEncodedInt(order.Refunds.Count);
            foreach (var refund in order.Refunds)
            {
                writer.Write(refund.Day);
                writer.Write(refund.Amount);
            }
            if (order.Facets is not { } facets) continue;
            writer.Write7BitEncodedInt(Ref(facets.Channel));
            writer.Write7BitEncodedInt(Ref(facets.Country));
            writer.Write7BitEncodedInt(facets.DiscountCodes.Count);
            foreach (var code in facets.DiscountCodes) writer.Write7BitEncodedInt(Ref(code));
            writer.Write7BitEncodedInt(facets.Lines.Count);
            foreach (var line in facets.Lines)
            {
                writer.Write7BitEncodedInt(Ref(line.ProductId));
                writer.Write7BitEncodedInt(Ref(line.Title));
                writer.Write(line.Quantity);
                writer.Write(line.ReturnedQuantity);
                writer.Write(line.NetAmount);
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

            var strings = new string[ReadCount(reader)];
            for (var i = 0; i < strings.Length; i++) strings[i] = reader.ReadString();
            string? Text()
            {
                var index = reader.Read7BitEncodedInt();
                if (index == 0) return null;
                return (uint)(index - 1) < (uint)strings.Length ? strings[index - 1]
                    : throw new InvalidDataException($"a facet names string {index - 1} of {strings.Length}");
            }
            string Required() => Text() ?? throw new InvalidDataException("a facet lacks a value it needs");

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
                LedgerFacets? facets = null;
                if ((flags & 4) != 0)
                {
                    var channel = Required();
                    var country = Text();
                    var codes = new string[ReadCount(reader)];
                    for (var c = 0; c < codes.Length; c++) codes[c] = Required();
                    var lines = new LedgerLine[ReadCount(reader)];
                    for (var l = 0; l < lines.Length; l++)
                        lines[l] = new LedgerLine(Required(), Text(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDecimal());
                    facets = new LedgerFacets(lines, channel, codes, country);
                }
                orders[i] = new LedgerOrder(customers[customer], orderId, day, cancelDay, total, (flags & 1) != 0, (flags & 2) != 0, refunds,
                    facets);
            }
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("the order ledger does not end where it should");
            return new OrderLedger(shopId, timeZoneId, orders);
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
