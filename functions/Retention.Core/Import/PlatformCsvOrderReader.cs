using System.Buffers;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Import;

/// <summary>
/// Reads a platform's order export the way <see cref="Generic.GenericCsvOrderReader"/> reads a generic file: each order's
/// first line becomes the body the platform's webhook would carry for that order and goes through that platform's
/// webhook normalizer (with its further lines, when the platform's reader reads them), so an imported order is checked
/// and keyed exactly as the webhook's would be. The platform's
/// reader says how a line becomes that body and how the normalizer's field names read in the export's column names.
/// </summary>
public abstract class PlatformCsvOrderReader<TLayout>(IEnumerator<CsvRecord> records, TLayout columns, ShopContext shop,
    TimeZoneInfo timeZone, string source) : IOrderExportReader where TLayout : ExportCsvLayout
{
    private readonly ArrayBufferWriter<byte> _event = new(1024);
    private readonly Dictionary<string, long> _firstLineOfOrder = new(StringComparer.Ordinal);

    public TLayout Columns { get; } = columns;

    /// <summary>The shop's: times without an offset are wall-clock time there.</summary>
    protected TimeZoneInfo TimeZone { get; } = timeZone;

    /// <summary>The export's name for the order id column, for the duplicate's reason.</summary>
    protected abstract string OrderIdName { get; }

    /// <summary>Writes the webhook body of an order's first line; returns why the line cannot become one, or null.</summary>
    protected abstract string? WriteEvent(Utf8JsonWriter json, IReadOnlyList<string> values);

    /// <summary>
    /// Writes the webhook body of an order from its first line and its further lines (an export with one line per line
    /// item); by default from the first line alone.
    /// </summary>
    protected virtual string? WriteEvent(Utf8JsonWriter json, IReadOnlyList<string> values, IReadOnlyList<CsvRecord> following) =>
        WriteEvent(json, values);

    /// <summary>The platform's webhook normalizer.</summary>
    protected abstract OrderNormalization Normalize(ReadOnlyMemory<byte> body, ShopContext shop, string sourceEventId);

    /// <summary>The normalizer names the body's fields; a person fixing the export knows its columns.</summary>
    protected abstract string InColumnTerms(EventProblem problem);

    public IEnumerable<CsvOrderRow> ReadRows()
    {
        foreach (var (index, record, following) in ExportCsvFile.OrdersWithLines(records, Columns))
            yield return Read(index, record, following);
    }

    private CsvOrderRow Read(long index, CsvRecord record, IReadOnlyList<CsvRecord> following)
    {
        var line = record.Line;
        CsvOrderRow Skip(string? orderId, string reason) => new(index, line, null, new ImportSkip(line, orderId, reason));

        if (record.ShapeProblem(Columns.Count) is { } shape) return Skip(null, shape);
        var values = record.Values;

        var orderId = Cell(values, Columns.OrderId);
        _event.ResetWrittenCount();
        string? problem;
        using (var json = new Utf8JsonWriter(_event)) problem = WriteEvent(json, values, following);
        if (problem is not null) return Skip(Blank(orderId), problem);

        var normalized = Normalize(_event.WrittenMemory, shop, $"{source}#L{line}");
        if (normalized.Problem is { } refused) return Skip(Blank(orderId), InColumnTerms(refused));
        var order = normalized.Order!;
        // As in a generic file, an order is imported once: a second first line with its id is a mistake in the
        // export, not a newer version, and the first one stands whatever order the lines are read in.
        if (!_firstLineOfOrder.TryAdd(order.OrderId, line))
            return Skip(order.OrderId, $"{OrderIdName} {order.OrderId} is already on line {_firstLineOfOrder[order.OrderId]}; " +
                                       "only the first line of an order is imported");
        return new CsvOrderRow(index, line, order, null);
    }

    /// <summary>A value as the import reads it: without surrounding spaces.</summary>
    protected static string Cell(IReadOnlyList<string> values, int column) => values[column].Trim();

    /// <summary>A value of an optional column; empty when the export has no such column.</summary>
    protected static string Cell(IReadOnlyList<string> values, int? column) => column is { } c ? Cell(values, c) : "";

    /// <summary>
    /// Reads a time column into <paramref name="instant"/>; an empty value is none. Returns why it cannot be read, or null.
    /// </summary>
    protected string? ReadTime(string name, string text, ref DateTimeOffset? instant)
    {
        if (text.Length == 0) return null;
        if (!ExportTime.TryRead(text, TimeZone, out var read))
            return $"{name}: '{Shorten(text)}' is not a time such as 2025-03-01 10:15:00 +0100";
        if (read.Year is < 1990 or > 2200) return $"{name}: is outside the years 1990 to 2200";
        instant = read;
        return null;
    }

    /// <summary>An empty cell is left out of the body, so the normalizer's own rule (required, or its default) applies.</summary>
    protected static void WriteIfAny(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length > 0) json.WriteString(name, value);
    }

    protected static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string? Blank(string orderId) => orderId.Length == 0 ? null : orderId;
}
