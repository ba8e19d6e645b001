namespace Retention.Core.Datasets;

/// <summary>
/// One dataset of one shop and day as rows of typed values: the single source of its table rows, its Parquet file and
/// its CSV file. A value is a <c>string</c>, <c>int</c>, <c>decimal</c>, <c>DateOnly</c>, <c>bool</c>, finite <c>double</c>
/// or null, as its column's type says; <see cref="Create"/> checks it, so no writer meets a surprise.
/// </summary>
public sealed record DatasetRows(Dataset Dataset, IReadOnlyList<object?[]> Rows)
{
    public string Name => Dataset.Name;
    public IReadOnlyList<DatasetColumn> Columns => Dataset.Columns;

    public static DatasetRows Create(Dataset dataset, IEnumerable<object?[]> rows)
    {
        var (name, columns) = (dataset.Name, dataset.Columns);
        var list = rows.ToList();
        foreach (var (row, index) in list.Select((r, i) => (r, i)))
        {
            if (row.Length != columns.Count) throw new ArgumentException($"{name}: row {index} has {row.Length} values for {columns.Count} columns");
            for (var c = 0; c < columns.Count; c++)
                if (row[c] is { } value && !Fits(columns[c].Type, value))
                    throw new ArgumentException($"{name}: row {index}, column {columns[c].Name} holds a {value.GetType().Name}, not {columns[c].Type}");
        }
        return new DatasetRows(dataset, list);
    }

    private static bool Fits(ColumnType type, object value) => type switch
    {
        ColumnType.Text => value is string,
        ColumnType.Int => value is int,
        ColumnType.Decimal => value is decimal,
        ColumnType.Date => value is DateOnly,
        ColumnType.Month => value is DateOnly { Day: 1 },
        ColumnType.Boolean => value is bool,
        ColumnType.Double => value is double d && double.IsFinite(d),
        _ => false,
    };
}
