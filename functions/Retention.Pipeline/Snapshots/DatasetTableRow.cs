using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Retention.Core.Datasets;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// A dataset row in Table storage's own terms (<c>docs/storage.md</c>, "The snapshot datasets"), derived from the
/// dataset's declaration, never listed by hand: the property of column <c>net_revenue</c> is <c>NetRevenue</c>; decimals
/// are invariant text rounded to six places (Table storage's only fractional type is a double, which would lose cents),
/// dates <c>yyyy-MM-dd</c> and months <c>yyyy-MM</c> text, nulls absent properties; the RowKey is the key columns'
/// values joined with ':', whole numbers four digits wide so they sort, a null <c>all</c>.
/// </summary>
public static class DatasetTableRow
{
    /// <summary>snake_case to PascalCase: <c>expected_purchases_30d</c> → <c>ExpectedPurchases30d</c>.</summary>
    public static string PropertyName(string column)
    {
        var name = new StringBuilder(column.Length);
        foreach (var part in column.Split('_', StringSplitOptions.RemoveEmptyEntries))
            name.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        return name.ToString();
    }

    /// <summary>The rows that go to the table: all of them, or those the declaration keeps (<see cref="Dataset.TableKeepsRowsWith"/>).</summary>
    public static IEnumerable<object?[]> TableRows(DatasetRows rows) =>
        rows.Dataset.TableKeepsRowsWith is { } column && rows.Dataset.ColumnIndex(column) is var index
            ? rows.Rows.Where(r => r[index] is not null)
            : rows.Rows;

    public static string RowKey(Dataset dataset, object?[] row) =>
        TableKey.Escape(string.Join(':', dataset.Key.Select(column =>
        {
            var index = dataset.ColumnIndex(column);
            return row[index] switch
            {
                null => "all",
                int number => number.ToString("D4", CultureInfo.InvariantCulture),
                var value => (string)StoredValue(dataset.Columns[index].Type, value)!,
            };
        })));

    public static TableEntity ToEntity(Dataset dataset, object?[] row, string partitionKey, string rowKey)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        for (var i = 0; i < dataset.Columns.Count; i++)
            if (StoredValue(dataset.Columns[i].Type, row[i]) is { } value) entity[PropertyName(dataset.Columns[i].Name)] = value;
        return entity;
    }

    /// <summary>The typed row back from a stored entity: what the tests compare with the files, and how the summary row is read.</summary>
    public static object?[] FromEntity(Dataset dataset, TableEntity entity) =>
        [.. dataset.Columns.Select(c => entity.TryGetValue(PropertyName(c.Name), out var stored) ? TypedValue(c.Type, stored) : null)];

    private static object? StoredValue(ColumnType type, object? value) => value switch
    {
        null => null,
        decimal number => Math.Round(number, 6).ToString(CultureInfo.InvariantCulture),
        DateOnly day => day.ToString(type == ColumnType.Month ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value,
    };

    private static object? TypedValue(ColumnType type, object? stored) => stored switch
    {
        null => null,
        string text when type == ColumnType.Decimal => decimal.Parse(text, CultureInfo.InvariantCulture),
        string text when type == ColumnType.Date => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        string text when type == ColumnType.Month => DateOnly.ParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture),
        _ => stored,
    };
}
