using DuckDB.NET.Data;

namespace Retention.Cli.Bench;

/// <summary>A query's rows as arrays of column values, in DuckDB's .NET types (long, decimal, double, string, BigInteger…), null for NULL.</summary>
public static class DuckDbRows
{
    public static List<object?[]> Read(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
