using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Import;
using Retention.Core.Orders;

namespace Retention.Core.Generic;

/// <summary>
/// Reads a <c>generic-csv</c> order history (<c>docs/import.md</c>): each row becomes the generic order event
/// a webhook would carry (<c>updated_at</c> = <c>ordered_at</c>, status default <c>paid</c>) and goes through
/// <see cref="GenericOrderNormalizer"/>, so an imported row passes exactly the checks a webhook body does and
/// normalizes to the same order. The event is written from the cell texts as they are (not via
/// <see cref="GenericOrderEventWriter"/>, which takes values already parsed), so an amount such as "12,50" is
/// judged by the normalizer, not by a second parser here.
/// </summary>
public sealed class GenericCsvOrderReader : IOrderExportReader
{
    public const string Format = "generic-csv";

    private readonly IEnumerator<CsvRecord> _records;
    private readonly ShopContext _shop;
    private readonly TimeZoneInfo _timeZone;
    private readonly string _source;
    private readonly ArrayBufferWriter<byte> _event = new(512);
    private readonly Dictionary<string, long> _firstLineOfOrder = new(StringComparer.Ordinal);

    private GenericCsvOrderReader(IEnumerator<CsvRecord> records, GenericCsvColumns columns, ShopContext shop, TimeZoneInfo timeZone,
        string source)
    {
        _records = records;
        Columns = columns;
        _shop = shop;
        _timeZone = timeZone;
        _source = source;
    }

    public GenericCsvColumns Columns { get; }

    /// <param name="text">the file, from its first byte.</param>
    /// <param name="timeZone">the shop's: times without an offset are wall-clock time there.</param>
    /// <param name="source">names the file in each order's <c>SourceEventId</c> (<c>{source}#L{line}</c>).</param>
    /// <exception cref="InvalidDataException">the file has no readable header of the format.</exception>
    public static GenericCsvOrderReader Open(TextReader text, ShopContext shop, TimeZoneInfo timeZone, string source)
    {
        var records = new CsvRecordReader(text).ReadAll().GetEnumerator();
        if (!records.MoveNext())
            throw new InvalidDataException($"the file is empty: it needs a header row such as {GenericCsvColumns.Layout}");
        var header = records.Current;
        if (header.Problem is not null) throw new InvalidDataException($"the header row cannot be read: {header.Problem}");
        return new GenericCsvOrderReader(records, GenericCsvColumns.FromHeader(header.Values), shop, timeZone, source);
    }

    /// <summary>The data rows in the file, after checking its header; what the import's progress counts to.</summary>
    /// <exception cref="InvalidDataException">the file has no readable header of the format.</exception>
    public static long CountRows(TextReader text, CancellationToken cancellationToken)
    {
        var (records, header) = ExportHeader.Read(text, Format);
        GenericCsvColumns.FromHeader(header);
        long rows = 0;
        while (records.MoveNext())
            if (++rows % 10_000 == 0) cancellationToken.ThrowIfCancellationRequested();
        return rows;
    }

    /// <summary>Every data row in file order, each either an order or a skip. Read once.</summary>
    public IEnumerable<CsvOrderRow> ReadRows()
    {
        for (long index = 0; _records.MoveNext(); index++)
            yield return Read(index, _records.Current);
    }

    private CsvOrderRow Read(long index, CsvRecord record)
    {
        var line = record.Line;
        CsvOrderRow Skip(string? orderId, string reason) => new(index, line, null, new ImportSkip(line, orderId, reason));

        if (record.ShapeProblem(Columns.Count) is { } shape) return Skip(null, shape);
        var values = record.Values;

        string Cell(int column) => values[column].Trim();
        var orderId = Cell(Columns.OrderId);
        var orderedAt = Cell(Columns.OrderedAt);
        if (orderedAt.Length > 0 && !ShopLocalTime.HasOffset(orderedAt))
        {
            if (!ShopLocalTime.TryResolve(orderedAt, _timeZone, out var local))
                return Skip(Blank(orderId), $"ordered_at: '{Shorten(orderedAt)}' is not a time: give an RFC 3339 timestamp with an offset " +
                                            "(2025-03-01T10:15:00+01:00), a date (2025-03-01) or a local time (2025-03-01 10:15) in the shop's time zone");
            orderedAt = local.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        }

        string Optional(int? column) => column is { } at ? Cell(at) : "";
        WriteEvent(orderId, Cell(Columns.CustomerId), orderedAt, Cell(Columns.Amount), Optional(Columns.Currency),
            Optional(Columns.Status).ToLowerInvariant(),
            new RowFacets(Optional(Columns.Country), Optional(Columns.ChannelSource), Optional(Columns.ChannelMedium),
                Optional(Columns.ChannelCampaign), Optional(Columns.DiscountCode)));
        var normalized = GenericOrderNormalizer.Normalize(_event.WrittenMemory, _shop, $"{_source}#L{line}");
        if (normalized.Problem is { } problem) return Skip(Blank(orderId), InColumnTerms(problem));

        var order = normalized.Order!;
        // An order is one row: a second row with its id is a mistake in the export, not a newer version (it
        // carries no updated_at to say which is newer). The first row stands, so the outcome never depends on
        // which of the two a re-run happens to read last.
        if (!_firstLineOfOrder.TryAdd(order.OrderId, line))
            return Skip(order.OrderId, $"order_id {order.OrderId} is already on line {_firstLineOfOrder[order.OrderId]}; only the first row of an order is imported");
        return new CsvOrderRow(index, line, order, null);
    }

    /// <summary>The cells of a row's optional country, channel and discount code columns ("" when empty or absent).</summary>
    private sealed record RowFacets(string Country, string Source, string Medium, string Campaign, string DiscountCode);

    /// <summary>The generic event of a row; an empty cell is left out, so the normalizer's own rule (required, or its default) applies.</summary>
    private void WriteEvent(string orderId, string customerId, string orderedAt, string amount, string currency, string status, RowFacets facets)
    {
        _event.ResetWrittenCount();
        using var json = new Utf8JsonWriter(_event);
        json.WriteStartObject();
        if (orderId.Length > 0) json.WriteString("order_id", orderId);
        json.WriteStartObject("customer");
        if (customerId.Length > 0) json.WriteString("id", customerId);
        json.WriteEndObject();
        if (orderedAt.Length > 0)
        {
            json.WriteString("ordered_at", orderedAt);
            json.WriteString("updated_at", orderedAt);
        }
        if (amount.Length > 0) json.WriteString("total", amount);
        if (currency.Length > 0) json.WriteString("currency", currency);
        if (status.Length > 0) json.WriteString("status", status);
        WriteFacets(json, facets);
        json.WriteEndObject();
    }

    /// <summary>
    /// A country is taken by name as well as by code (exports write "Germany" as often as "DE"): a name that maps to no one
    /// country leaves the order without one, counted as unknown, never guessed or refused. The channel's and the code's
    /// texts are the event's, so the normalizer judges them.
    /// </summary>
    private static void WriteFacets(Utf8JsonWriter json, RowFacets facets)
    {
        if (CountryCode.FromName(facets.Country) is var country && country != CountryCode.Unknown)
            json.WriteString(GenericOrderFacets.CountryField, country);
        if (facets.Source.Length > 0 || facets.Medium.Length > 0 || facets.Campaign.Length > 0)
        {
            json.WriteStartObject(GenericOrderFacets.ChannelField);
            if (facets.Source.Length > 0) json.WriteString("source", facets.Source);
            if (facets.Medium.Length > 0) json.WriteString("medium", facets.Medium);
            if (facets.Campaign.Length > 0) json.WriteString("campaign", facets.Campaign);
            json.WriteEndObject();
        }
        if (facets.DiscountCode.Length > 0)
        {
            json.WriteStartArray(GenericOrderFacets.CodesField);
            json.WriteStringValue(facets.DiscountCode);
            json.WriteEndArray();
        }
    }

    /// <summary>The normalizer names the event's fields; a person fixing the file knows its columns.</summary>
    private static string InColumnTerms(EventProblem problem) => problem.Field switch
    {
        "customer" => "customer_id: is required",
        "customer.id" => "customer_id: " + problem.Message,
        "total" => "amount: " + problem.Message,
        "updated_at" => "ordered_at: " + problem.Message,
        "channel.source" => "channel_source: " + problem.Message,
        "channel.medium" => "channel_medium: " + problem.Message,
        "channel.campaign" => "channel_campaign: " + problem.Message,
        "discount_codes[0]" => "discount_code: " + problem.Message,
        "$" => problem.Message,
        _ => problem.ToString(),
    };

    private static string? Blank(string orderId) => orderId.Length == 0 ? null : orderId;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
