using System.Text;

namespace Retention.Core.Ledger;

/// <summary>
/// The binary form of an <see cref="OrderLedger"/>, as the nightly job keeps it between nights. Customer keys are
/// written once in a dictionary and referenced by index, so a million orders take about 40 bytes each; the strings of
/// the orders' facets (product ids and titles, channels, codes, countries) likewise, in a second dictionary; an order's
/// facets are its channel, country, codes and distinct products with their titles, as indexes into it; before the
/// orders, the sizes of the id pool and of the facets' numbers (format 4), so reading allocates each once. A file of
/// another format version is refused (<see cref="InvalidDataException"/>) and the caller rebuilds from the orders.
/// </summary>
public static class OrderLedgerFile
{
    /// <summary>Bump on any change of the layout below: older files are then rebuilt, never misread.</summary>
    public const int FormatVersion = 4;

    private const uint Magic = 0x5245444C; // "LDER" little-endian: a cheap check that this is a ledger at all

    public static void Write(OrderLedger ledger, Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ledger.ShopId);
        writer.Write(ledger.TimeZoneId);

        // The ledger's customers are already each once and in order: customer c is the file's customer c.
        writer.Write7BitEncodedInt(ledger.CustomerCount);
        for (var c = 0; c < ledger.CustomerCount; c++) writer.Write(ledger.CustomerAt(c));

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
        for (var i = 0; i < ledger.Count; i++)
        {
            if (ledger.FacetsAtOf(i) == LedgerFacetData.NoFacets) continue;
            var facets = facetData.At(ledger.FacetsAtOf(i));
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
        // Format 4: the sizes of the id pool and the facets' numbers, so a read fills arrays of the right size at once (a
        // pool grown by doubling held up to three times its size while copying: bench night-child, 4,000,000 orders,
        // the read's peak was 835 MiB with it).
        var facetNumbers = 0L;
        for (var i = 0; i < ledger.Count; i++)
            if (ledger.FacetsAtOf(i) is var at and not LedgerFacetData.NoFacets) facetNumbers += facetData.At(at).Numbers;
        writer.Write7BitEncodedInt(ledger.OrderIdCharacters);
        writer.Write7BitEncodedInt(checked((int)facetNumbers));
        var utf8 = new byte[256];
        var id = new char[64];
        for (var c = 0; c < ledger.CustomerCount; c++)
            for (var i = ledger.CustomerStart(c); i < ledger.CustomerStart(c + 1); i++)
            {
                writer.Write7BitEncodedInt(c);
                WriteString(writer, ledger.OrderIdAt(i, ref id), ref utf8);
                writer.Write(ledger.DayAt(i));
                writer.Write(ledger.CancelDayAt(i));
                writer.Write(ledger.TotalAt(i));
                var facetsAt = ledger.FacetsAtOf(i);
                var hasFacets = facetsAt != LedgerFacetData.NoFacets;
                writer.Write((byte)((ledger.FlagsAt(i) & (LedgerFlags.Test | LedgerFlags.EverLive)) | (hasFacets ? LedgerFlags.HasFacets : 0)));
                var refunds = ledger.RefundsAt(i) ?? [];
                writer.Write7BitEncodedInt(refunds.Length);
                foreach (var refund in refunds)
                {
                    writer.Write(refund.Day);
                    writer.Write(refund.Amount);
                }
                if (!hasFacets) continue;
                var facets = facetData.At(facetsAt);
                writer.Write7BitEncodedInt(Ref(facets.ChannelNumber));
                writer.Write7BitEncodedInt(Ref(facets.CountryNumber));
                writer.Write7BitEncodedInt(facets.DiscountCodeCount);
                for (var d = 0; d < facets.DiscountCodeCount; d++) writer.Write7BitEncodedInt(Ref(facets.CodeNumberAt(d)));
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

            var count = ReadCount(reader);
            var idCharacters = ReadCount(reader);
            var facetNumbers = ReadCount(reader);
            // Sizes a damaged file could make absurd are refused before anything that large is allocated.
            if (idCharacters > 4_096L * count || facetNumbers > 8_192L * count) throw new InvalidDataException("the order ledger's sizes do not fit its orders");
            var ledger = new OrderLedger.Builder(count, idCharacters);
            // With 3 % to spare: the night's fold appends the day's orders' facets (about 1 % of a shop's orders) in place,
            // where a full array doubled (bench night-child, 4,000,000 orders: the fold's peak +160 MiB).
            facetData.Reserve(facetNumbers + facetNumbers / 32 + 1_024);
            var bytes = new byte[256];
            var characters = new char[256];
            for (var i = 0; i < count; i++)
            {
                var customer = reader.Read7BitEncodedInt();
                if ((uint)customer >= (uint)customers.Length) throw new InvalidDataException($"order {i} names customer {customer} of {customers.Length}");
                var orderId = ReadString(reader, ref bytes, ref characters);
                var day = reader.ReadInt32();
                var cancelDay = reader.ReadInt32();
                var total = reader.ReadDecimal();
                var flags = reader.ReadByte();
                var refunds = ReadCount(reader) is var refundCount and > 0 ? new LedgerRefund[refundCount] : null;
                for (var r = 0; refunds is not null && r < refunds.Length; r++) refunds[r] = new LedgerRefund(reader.ReadInt32(), reader.ReadDecimal());
                var facetsAt = LedgerFacetData.NoFacets;
                if ((flags & LedgerFlags.HasFacets) != 0)
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
                ledger.Add(customers[customer], orderId, day, cancelDay, total, flags, facetsAt, refunds);
            }
            if (reader.ReadUInt32() != Magic) throw new InvalidDataException("the order ledger does not end where it should");
            return OrderLedger.FromFile(shopId, timeZoneId, ledger, facetData);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the order ledger is truncated");
        }
    }

    /// <summary>As <see cref="BinaryWriter.Write(string)"/> writes a string (its UTF-8 byte count, then the bytes), from characters.</summary>
    private static void WriteString(BinaryWriter writer, ReadOnlySpan<char> value, ref byte[] buffer)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > buffer.Length) buffer = new byte[length];
        Encoding.UTF8.GetBytes(value, buffer);
        writer.Write7BitEncodedInt(length);
        writer.Write(buffer, 0, length);
    }

    /// <summary>A string <see cref="BinaryWriter.Write(string)"/> wrote, as characters in a reused buffer: no string per order id.</summary>
    private static ReadOnlySpan<char> ReadString(BinaryReader reader, ref byte[] bytes, ref char[] characters)
    {
        var length = reader.Read7BitEncodedInt();
        if (length < 0) throw new InvalidDataException("negative string length in the order ledger");
        if (length > bytes.Length) bytes = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = reader.Read(bytes, read, length - read);
            if (n == 0) throw new EndOfStreamException();
            read += n;
        }
        if (length > characters.Length) characters = new char[length];
        var count = Encoding.UTF8.GetChars(bytes.AsSpan(0, length), characters);
        return characters.AsSpan(0, count);
    }

    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count >= 0 ? count : throw new InvalidDataException("negative count in the order ledger");
    }
}
