namespace Retention.Core.Datasets;

/// <summary>
/// The type of a dataset column: one meaning, written by each store in its own form (<c>docs/exports.md</c>, "Types";
/// <c>docs/storage.md</c>, "The snapshot datasets").
/// </summary>
public enum ColumnType
{
    /// <summary>UTF-8 string.</summary>
    Text,
    /// <summary>32-bit whole number.</summary>
    Int,
    /// <summary>Money and ratios, exact to six decimal places (Parquet DECIMAL(18, 6); invariant text in tables).</summary>
    Decimal,
    /// <summary>A calendar day (Parquet DATE; <c>yyyy-MM-dd</c> in tables and CSV).</summary>
    Date,
    /// <summary>A calendar month, held as its first day (Parquet DATE and CSV <c>yyyy-MM-dd</c>; <c>yyyy-MM</c> in tables).</summary>
    Month,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>Model estimates and probabilities, which are not exact quantities to begin with; never NaN or infinite.</summary>
    Double,
}
