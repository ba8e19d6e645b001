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

    /// <summary>
    /// One column's values, row by row, of the rows <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1:
    /// for a declared dataset's rows (<see cref="DatasetRowList{TRow}"/>) only that column's value is made of each row, not
    /// the whole row (the Parquet file is written a column of a row group at a time).
    /// </summary>
    public IEnumerable<object?> Column(int column, int from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Rows.Count - from);
        return Rows is IDatasetColumns columns ? columns.Column(column, from, count) : Range(column, from, count);
    }

    private IEnumerable<object?> Range(int column, int from, int count)
    {
        for (var i = from; i < from + count; i++) yield return Rows[i][column];
    }

    public static DatasetRows Create(Dataset dataset, IEnumerable<object?[]> rows)
    {
        var list = rows.ToList();
        for (var index = 0; index < list.Count; index++) Check(dataset, list[index], index);
        return new DatasetRows(dataset, list);
    }

    /// <summary>A row's values against the dataset's columns: as many, each of its column's type or null.</summary>
    internal static void Check(Dataset dataset, object?[] row, int index)
    {
        var columns = dataset.Columns;
        if (row.Length != columns.Count) throw new ArgumentException($"{dataset.Name}: row {index} has {row.Length} values for {columns.Count} columns");
        for (var c = 0; c < columns.Count; c++) Check(dataset, c, row[c], index);
    }

    internal static void Check(Dataset dataset, int column, object? value, int index)
    {
        var type = dataset.Columns[column].Type;
        if (value is not null && !Fits(type, value))
            throw new ArgumentException($"{dataset.Name}: row {index}, column {dataset.Columns[column].Name} holds a {value.GetType().Name}, not {type}");
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
