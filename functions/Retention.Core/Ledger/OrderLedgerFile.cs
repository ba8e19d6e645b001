using System.Text;

namespace Retention.Core.Ledger;

/// <summary>
/// The binary form of an <see cref="OrderLedger"/>, as the nightly job keeps it between nights. Customer keys are
/// written once in a dictionary and referenced by index, so a million orders take about 40 bytes each; a file of
/// another format version is refused (<see cref="InvalidDataException"/>) and the caller rebuilds from the orders.
/// </summary>
public static class OrderLedgerFile
{
    /// <summary>Bump on any change of the layout below: older files are then rebuilt, never misread.</summary>
    public const int FormatVersion = 1;

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

        writer.Write7BitEncodedInt(ledger.Count);
        foreach (var order in ledger.Orders)
        {
            writer.Write7BitEncodedInt(customerIndex[order.CustomerKey]);
            writer.Write(order.OrderId);
            writer.Write(order.Day);
            writer.Write(order.CancelDay);
            writer.Write(order.Total);
            writer.Write((byte)((order.IsTest ? 1 : 0) | (order.WasEverLive ? 2 : 0)));
            writer.Write7BitEncodedInt(order.Refunds.Count);
            foreach (var refund in order.Refunds)
            {
                writer.Write(refund.Day);
                writer.Write(refund.Amount);
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
                orders[i] = new LedgerOrder(customers[customer], orderId, day, cancelDay, total, (flags & 1) != 0, (flags & 2) != 0, refunds);
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
