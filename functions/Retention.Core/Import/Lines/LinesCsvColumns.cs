namespace Retention.Core.Import.Lines;

/// <summary>
/// How a <c>lines-csv</c> file's own column names map to what the import reads (<c>docs/import.md</c>), as given by
/// <c>--columns target=SourceColumn,…</c>. Parsed without the file (so a mistake in the option is told before anything
/// is read), then <see cref="Locate"/>d in the file's header.
/// </summary>
public sealed class LinesCsvColumns
{
    public const string OrderId = "order_id", CustomerId = "customer_id", OrderedAt = "ordered_at", ProductId = "product_id",
        ProductTitle = "product_title", Quantity = "quantity", UnitPrice = "unit_price", LineAmount = "line_amount", Sku = "sku",
        VariantId = "variant_id", Country = "country", Currency = "currency", ChannelSource = "channel_source",
        ChannelMedium = "channel_medium", DiscountCode = "discount_code";

    /// <summary>Every target, in the order docs/import.md lists them.</summary>
    public static readonly IReadOnlyList<string> Targets =
    [
        OrderId, CustomerId, OrderedAt, ProductId, ProductTitle, Quantity, UnitPrice, LineAmount, Sku, VariantId, Country, Currency,
        ChannelSource, ChannelMedium, DiscountCode,
    ];

    /// <summary>The targets without which no line can be read (besides one of unit_price and line_amount).</summary>
    public static readonly IReadOnlyList<string> Required = [OrderId, CustomerId, OrderedAt, ProductId, Quantity];

    private readonly IReadOnlyDictionary<string, string> _sources;

    private LinesCsvColumns(IReadOnlyDictionary<string, string> sources) => _sources = sources;

    /// <summary>The file's column for each mapped target, in <see cref="Targets"/> order.</summary>
    public IEnumerable<(string Target, string Source)> Mapped =>
        Targets.Where(_sources.ContainsKey).Select(target => (target, _sources[target]));

    /// <exception cref="FormatException">the text is not a list of known targets, each once, with every required one.</exception>
    public static LinesCsvColumns Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new FormatException($"lines-csv needs --columns target=SourceColumn,… naming at least {string.Join(", ", Required)} and unit_price or line_amount");
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
                throw new FormatException($"--columns: '{pair.Trim()}' is not target=SourceColumn");
            var target = pair[..equals].Trim().ToLowerInvariant();
            var source = pair[(equals + 1)..].Trim();
            if (!Targets.Contains(target))
                throw new FormatException($"--columns: '{target}' is not a target; the targets are {string.Join(", ", Targets)}");
            if (source.Length == 0) throw new FormatException($"--columns: {target} names no column");
            if (!sources.TryAdd(target, source)) throw new FormatException($"--columns: {target} is given twice");
        }
        var missing = Required.Where(target => !sources.ContainsKey(target)).ToList();
        if (!sources.ContainsKey(UnitPrice) && !sources.ContainsKey(LineAmount)) missing.Add("unit_price or line_amount");
        if (missing.Count > 0) throw new FormatException($"--columns lacks {string.Join(", ", missing)}");
        if (sources.ContainsKey(UnitPrice) && sources.ContainsKey(LineAmount))
            throw new FormatException("--columns: give unit_price or line_amount, not both");
        return new LinesCsvColumns(sources);
    }

    /// <summary>Where each mapped target is in a header (names matched without regard to case or surrounding spaces).</summary>
    /// <exception cref="InvalidDataException">the header lacks a mapped column or names it twice.</exception>
    public LinesCsvPositions Locate(IReadOnlyList<string> header)
    {
        var names = CsvHeader.Read(header);
        var absent = Mapped.Where(m => names.Find(m.Source) is null).Select(m => $"{m.Source} (for {m.Target})").ToList();
        if (absent.Count > 0)
            throw new InvalidDataException($"the file has no column {string.Join(", ", absent)}; its columns are {string.Join(", ", header.Select(h => h.Trim()))}");
        return new LinesCsvPositions(names.Count, Mapped.ToDictionary(m => m.Target, m => names.Get(m.Source), StringComparer.Ordinal));
    }
}

/// <summary>The position in the file of each mapped target; null for a target not mapped.</summary>
public sealed record LinesCsvPositions(int Count, IReadOnlyDictionary<string, int> Positions)
{
    public int? Of(string target) => Positions.TryGetValue(target, out var position) ? position : null;

    public int Required(string target) => Positions[target];
}
