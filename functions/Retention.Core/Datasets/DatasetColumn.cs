namespace Retention.Core.Datasets;

/// <summary>
/// One column of a dataset: its stable name (snake_case, as BI tools like them; the tables' PascalCase name is derived
/// from it) and its type. Every column may hold nulls.
/// </summary>
public sealed record DatasetColumn(string Name, ColumnType Type);
