namespace Retention.Core.Datasets;

/// <summary>A dataset's rows that can give one column's values without making whole rows.</summary>
internal interface IDatasetColumns
{
    /// <summary>Column <paramref name="column"/>'s values of rows <paramref name="from"/> .. <paramref name="from"/> + <paramref name="count"/> - 1.</summary>
    IEnumerable<object?> Column(int column, int from, int count);
}

/// <summary>
/// A declared dataset's rows, made when read: the night keeps one <typeparamref name="TRow"/> per row (for the customers
/// dataset a tuple of four references) and each row's values, checked against the columns, only while a writer reads
/// them. Kept as arrays of boxed values, a row per customer was the largest part of the datasets' memory (bench
/// night-child, 4,000,000 orders / 800,000 customers: see docs/benchmarks.md).
/// </summary>
internal sealed class DatasetRowList<TRow>(Dataset dataset, TRow[] rows, DatasetColumns<TRow> columns) : IReadOnlyList<object?[]>, IDatasetColumns
{
    public int Count => rows.Length;

    public object?[] this[int index]
    {
        get
        {
            var values = columns.Values(rows[index]);
            DatasetRows.Check(dataset, values, index);
            return values;
        }
    }

    public IEnumerable<object?> Column(int column, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            var value = columns.Value(column, rows[i]);
            DatasetRows.Check(dataset, column, value, i);
            yield return value;
        }
    }

    public IEnumerator<object?[]> GetEnumerator()
    {
        for (var i = 0; i < rows.Length; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
