using Retention.Core.Models;

namespace Retention.Core.Datasets;

/// <summary>
/// The columns of a dataset, each with the value it takes from a <typeparamref name="TRow"/>: a column and its value are
/// written side by side, so they cannot drift apart, and each method's signature makes the value fit the type.
/// </summary>
public sealed class DatasetColumns<TRow>
{
    private readonly List<DatasetColumn> _columns = [];
    private readonly List<Func<TRow, object?>> _values = [];

    public IReadOnlyList<DatasetColumn> Columns => _columns;

    public DatasetColumns<TRow> Text(string name, Func<TRow, string?> value) => Add(name, ColumnType.Text, r => value(r));
    public DatasetColumns<TRow> Int(string name, Func<TRow, int?> value) => Add(name, ColumnType.Int, r => Box(value(r)));
    public DatasetColumns<TRow> Decimal(string name, Func<TRow, decimal?> value) => Add(name, ColumnType.Decimal, r => value(r));
    public DatasetColumns<TRow> Date(string name, Func<TRow, DateOnly?> value) => Add(name, ColumnType.Date, r => value(r));
    public DatasetColumns<TRow> Month(string name, Func<TRow, DateOnly?> value) => Add(name, ColumnType.Month, r => value(r));
    public DatasetColumns<TRow> Boolean(string name, Func<TRow, bool?> value) => Add(name, ColumnType.Boolean, r => value(r) is { } b ? b ? True : False : null);

    /// <summary>NaN and infinities mean "no value" to every store and BI tool: they are written as null.</summary>
    public DatasetColumns<TRow> Double(string name, Func<TRow, double?> value) => Add(name, ColumnType.Double, r => ModelReportRow.Finite(value(r)));

    // Small numbers and the two booleans boxed once: a large shop's customers dataset is a row per customer, and a box of
    // its own for every order count, recency and score was about a sixth of the night's datasets (bench nightly).
    private static readonly object[] SmallInts = [.. Enumerable.Range(0, 1024).Select(i => (object)i)];
    private static readonly object True = true, False = false;

    private static object? Box(int? value) => value is { } v && (uint)v < (uint)SmallInts.Length ? SmallInts[v] : value;

    internal object? Value(int column, TRow row) => _values[column](row);

    internal object?[] Values(TRow row)
    {
        var values = new object?[_values.Count];
        for (var i = 0; i < values.Length; i++) values[i] = _values[i](row);
        return values;
    }

    private DatasetColumns<TRow> Add(string name, ColumnType type, Func<TRow, object?> value)
    {
        if (_columns.Any(c => c.Name == name)) throw new ArgumentException($"column {name} is declared twice");
        _columns.Add(new DatasetColumn(name, type));
        _values.Add(value);
        return this;
    }
}
