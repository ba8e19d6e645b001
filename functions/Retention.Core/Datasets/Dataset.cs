using Retention.Core.Nightly;

namespace Retention.Core.Datasets;

/// <summary>
/// A dataset a night produces, declared once (<see cref="NightlyDatasets"/>): its name, what one row is, its columns
/// with their types, the columns that identify a row, and where its rows go in Table storage. The table rows and the
/// Parquet and CSV files are all written from <see cref="RowsOf"/>, so the stores cannot disagree.
/// </summary>
public abstract class Dataset(string name, string oneRowPer, string table, TableLayout layout, IReadOnlyList<DatasetColumn> columns,
    IReadOnlyList<string> key, string? tableKeepsRowsWith)
{
    /// <summary>snake_case; the folder of its files (<c>{name}/shop=…/as_of=…/</c>).</summary>
    public string Name { get; } = name;

    /// <summary>What one row stands for, in words (the docs' "one row per").</summary>
    public string OneRowPer { get; } = oneRowPer;

    /// <summary>The Table storage table that holds its rows.</summary>
    public string Table { get; } = table;

    public TableLayout Layout { get; } = layout;
    public IReadOnlyList<DatasetColumn> Columns { get; } = columns;

    /// <summary>The columns whose values identify a row within a shop's day: the table's RowKey is made of them.</summary>
    public IReadOnlyList<string> Key { get; } = Check(name, columns, key);

    /// <summary>
    /// When set, the table holds only the rows where this column has a value (the files hold every row): per-customer
    /// rows for every customer, every night, belong in files, not in a table's partition (<c>docs/storage.md</c>).
    /// </summary>
    public string? TableKeepsRowsWith { get; } = tableKeepsRowsWith is null ? null : Check(name, columns, [tableKeepsRowsWith])[0];

    public int ColumnIndex(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column) return i;
        throw new ArgumentException($"{Name} has no column {column}");
    }

    /// <summary>This dataset's rows of one night.</summary>
    public abstract DatasetRows RowsOf(NightlyFigures night);

    /// <summary>Declares a dataset whose rows come from one <typeparamref name="TRow"/> each.</summary>
    public static Dataset Declare<TRow>(string name, string oneRowPer, string table, Func<NightlyFigures, IEnumerable<TRow>> rows,
        Func<DatasetColumns<TRow>, DatasetColumns<TRow>> columns, IReadOnlyList<string> key, TableLayout layout = TableLayout.DayPartition,
        string? tableKeepsRowsWith = null) =>
        new Declared<TRow>(name, oneRowPer, table, layout, columns(new DatasetColumns<TRow>()), key, tableKeepsRowsWith, rows);

    public override string ToString() => Name;

    private static IReadOnlyList<string> Check(string name, IReadOnlyList<DatasetColumn> columns, IReadOnlyList<string> named)
    {
        foreach (var column in named)
            if (!columns.Any(c => c.Name == column)) throw new ArgumentException($"{name}: no column {column}");
        return named;
    }

    private sealed class Declared<TRow>(string name, string oneRowPer, string table, TableLayout layout, DatasetColumns<TRow> columns,
        IReadOnlyList<string> key, string? tableKeepsRowsWith, Func<NightlyFigures, IEnumerable<TRow>> rows)
        : Dataset(name, oneRowPer, table, layout, columns.Columns, key, tableKeepsRowsWith)
    {
        public override DatasetRows RowsOf(NightlyFigures night) => new(this, new DatasetRowList<TRow>(this, [.. rows(night)], columns));
    }
}
