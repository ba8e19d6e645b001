using DuckDB.NET.Data;

namespace Retention.Tests.Support;

/// <summary>DuckDB in memory, the independent reader of the exported files: a query's rows as they come, DBNull for null.</summary>
public static class DuckDbQuery
{
    public static List<object[]> Rows(string sql)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
