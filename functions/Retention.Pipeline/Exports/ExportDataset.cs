namespace Retention.Pipeline.Exports;

/// <summary>The column types of the exports, each a real Parquet type (<c>docs/exports.md</c>).</summary>
public enum ExportType
{
    /// <summary>UTF-8 string.</summary>
    Text,
    /// <summary>INT32.</summary>
    Int,
    /// <summary>DECIMAL(18, 6): money and ratios, exact.</summary>
    Decimal,
    /// <summary>DATE (days since 1970-01-01).</summary>
    Date,
    /// <summary>BOOLEAN.</summary>
    Boolean,
    /// <summary>DOUBLE: model estimates and probabilities, which are not exact quantities to begin with.</summary>
    Double,
}

/// <summary>One column: its stable name (snake_case, as BI tools like them) and type. Every column may hold nulls.</summary>
public sealed record ExportColumn(string Name, ExportType Type);

/// <summary>
/// One snapshot dataset of one shop and day as rows of typed values, the single source of both the Parquet and the
/// CSV file. Values are <c>string</c>, <c>int</c>, <c>decimal</c>, <c>DateOnly</c>, <c>bool</c> or null, as the
/// column's type says; <see cref="Create"/> checks it, so a writer never meets a surprise.
/// </summary>
public sealed record ExportDataset(string Name, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public static ExportDataset Create(string name, IReadOnlyList<ExportColumn> columns, IEnumerable<object?[]> rows)
    {
        var list = rows.ToList();
        foreach (var (row, index) in list.Select((r, i) => (r, i)))
        {
            if (row.Length != columns.Count) throw new ArgumentException($"{name}: row {index} has {row.Length} values for {columns.Count} columns");
            for (var c = 0; c < columns.Count; c++)
                if (row[c] is { } value && !Fits(columns[c].Type, value))
                    throw new ArgumentException($"{name}: row {index}, column {columns[c].Name} holds a {value.GetType().Name}, not {columns[c].Type}");
        }
        return new ExportDataset(name, columns, list);
    }

    private static bool Fits(ExportType type, object value) => type switch
    {
        ExportType.Text => value is string,
        ExportType.Int => value is int,
        ExportType.Decimal => value is decimal,
        ExportType.Date => value is DateOnly,
        ExportType.Boolean => value is bool,
        ExportType.Double => value is double d && double.IsFinite(d),
        _ => false,
    };
}
