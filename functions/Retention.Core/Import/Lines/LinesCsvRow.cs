using System.Globalization;
using System.Text.RegularExpressions;
using Retention.Core.Orders;

namespace Retention.Core.Import.Lines;

/// <summary>
/// One row of a <c>lines-csv</c> file as the import reads it: a line item, or with a negative quantity the return of
/// one. <see cref="Amount"/> is the line's net amount, always ≥ 0 (for a return, what is given back).
/// </summary>
internal sealed record LinesCsvRow(long Line, string OrderId, string CustomerId, DateTimeOffset At, string ProductId, string? Title,
    string? Sku, string? VariantId, int Quantity, decimal Amount, string? Country, string? Currency, string? ChannelSource,
    string? ChannelMedium, string? DiscountCode)
{
    public const int MaxIdLength = 256;

    public bool IsReturn => Quantity < 0;
}

/// <summary>
/// Reads the cells of a row into a <see cref="LinesCsvRow"/>, or says which column is wrong. Values that repeat over
/// hundreds of thousands of rows (customer and product ids, titles, times) are kept once.
/// </summary>
internal sealed partial class LinesCsvRowParser(LinesCsvPositions columns, TimeZoneInfo timeZone)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _times = new(StringComparer.Ordinal);

    /// <summary>The order id of a record, empty when it has none; read before the rest so a bad row is told with its order.</summary>
    public string OrderIdOf(IReadOnlyList<string> values) => values[columns.Required(LinesCsvColumns.OrderId)].Trim();

    /// <returns>why the row cannot be read (the column first), or null.</returns>
    public string? TryRead(long line, IReadOnlyList<string> values, out LinesCsvRow? row)
    {
        row = null;
        string? Cell(string target) => columns.Of(target) is { } c && values[c].Trim() is { Length: > 0 } text ? text : null;

        var orderId = Cell(LinesCsvColumns.OrderId)!;
        if (orderId.Length > MaxId) return $"{LinesCsvColumns.OrderId}: must be at most {MaxId} characters";

        var customer = CustomerIdOf(Cell(LinesCsvColumns.CustomerId) ?? "");
        if (customer.Length > MaxId) return $"{LinesCsvColumns.CustomerId}: must be at most {MaxId} characters";

        var timeText = Cell(LinesCsvColumns.OrderedAt);
        if (timeText is null) return $"{LinesCsvColumns.OrderedAt}: is required";
        if (!_times.TryGetValue(timeText, out var at))
        {
            if (!ExportTime.TryRead(timeText, timeZone, out at))
                return $"{LinesCsvColumns.OrderedAt}: '{Shorten(timeText)}' is not a time such as 2010-12-01 08:26:00";
            if (at.Year is < 1990 or > 2200) return $"{LinesCsvColumns.OrderedAt}: is outside the years 1990 to 2200";
            _times[timeText] = at;
        }

        var productId = Cell(LinesCsvColumns.ProductId);
        if (productId is null) return $"{LinesCsvColumns.ProductId}: is required";
        if (productId.Length > MaxId) return $"{LinesCsvColumns.ProductId}: must be at most {MaxId} characters";

        var quantityText = Cell(LinesCsvColumns.Quantity);
        if (quantityText is null
            || !int.TryParse(quantityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
            return $"{LinesCsvColumns.Quantity}: '{Shorten(quantityText ?? "")}' is not a whole number";
        if (quantity == 0) return $"{LinesCsvColumns.Quantity}: must not be 0";
        if (Math.Abs((long)quantity) > MaxQuantity) return $"{LinesCsvColumns.Quantity}: must be between -{MaxQuantity} and {MaxQuantity}";

        decimal amount;
        if (columns.Of(LinesCsvColumns.UnitPrice) is not null)
        {
            if (ReadAmount(Cell(LinesCsvColumns.UnitPrice), LinesCsvColumns.UnitPrice, out var price) is { } bad) return bad;
            if (price < 0) return $"{LinesCsvColumns.UnitPrice}: must not be negative";
            amount = Math.Abs(quantity) * price;
        }
        else
        {
            if (ReadAmount(Cell(LinesCsvColumns.LineAmount), LinesCsvColumns.LineAmount, out var lineAmount) is { } bad) return bad;
            // A return's amount may be written negative, as the shop's ledger books it; what is given back is its size.
            if (lineAmount < 0 && quantity > 0) return $"{LinesCsvColumns.LineAmount}: must not be negative on a line bought";
            amount = Math.Abs(lineAmount);
        }
        if (amount > MaxAmount) return $"the line's amount must not exceed {MaxAmount.ToString(CultureInfo.InvariantCulture)}";

        var sku = Cell(LinesCsvColumns.Sku);
        if (sku?.Length > MaxId) return $"{LinesCsvColumns.Sku}: must be at most {MaxId} characters";
        var variant = Cell(LinesCsvColumns.VariantId);
        if (variant?.Length > MaxId) return $"{LinesCsvColumns.VariantId}: must be at most {MaxId} characters";
        var title = Cell(LinesCsvColumns.ProductTitle);
        if (title?.Length > OrderLine.MaxTitleLength) title = title[..OrderLine.MaxTitleLength];
        var code = Cell(LinesCsvColumns.DiscountCode);
        if (code?.Length > Orders.DiscountCode.MaxLength) return $"{LinesCsvColumns.DiscountCode}: must be at most {Orders.DiscountCode.MaxLength} characters";

        row = new LinesCsvRow(line, Intern(orderId), Intern(customer), at, Intern(productId), Intern(title), Intern(sku), Intern(variant),
            quantity, amount, Intern(Cell(LinesCsvColumns.Country)), Intern(Cell(LinesCsvColumns.Currency)),
            Intern(Cell(LinesCsvColumns.ChannelSource)), Intern(Cell(LinesCsvColumns.ChannelMedium)), code is null ? null : Intern(code));
        return null;
    }

    /// <summary>
    /// A customer id as the shop's system means it: a decimal with a zero fraction (<c>17850.0</c>, as a spreadsheet writes
    /// a number column) is the integer id <c>17850</c>; anything else is kept as written.
    /// </summary>
    public static string CustomerIdOf(string text)
    {
        var trimmed = text.Trim();
        return WholeDecimal().Match(trimmed) is { Success: true } m ? m.Groups[1].Value : trimmed;
    }

    private const int MaxId = LinesCsvRow.MaxIdLength;
    private const int MaxQuantity = 1_000_000;
    private const decimal MaxAmount = 1_000_000_000m;

    private static string? ReadAmount(string? text, string target, out decimal amount)
    {
        amount = 0;
        if (text is null) return $"{target}: is required";
        return text.Length <= 32 && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount)
            ? null
            : $"{target}: '{Shorten(text)}' is not a decimal amount such as 2.55";
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private string? Intern(string? value)
    {
        if (value is null) return null;
        if (_strings.TryGetValue(value, out var kept)) return kept;
        _strings[value] = value;
        return value;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^(-?[0-9]+)\.0+$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeDecimal();
}
