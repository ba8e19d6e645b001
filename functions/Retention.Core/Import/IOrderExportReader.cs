namespace Retention.Core.Import;

/// <summary>
/// Reads one imported file into orders: every order of the file, in file order, each either normalized or
/// skipped with its line and reason. The import drives it and never needs to know which platform wrote the file.
/// </summary>
public interface IOrderExportReader
{
    /// <summary>Every order (a data row, or the lines of one order) in file order. Read once.</summary>
    IEnumerable<CsvOrderRow> ReadRows();

    /// <summary>What the summary should say of the file beyond the import's counts, once <see cref="ReadRows"/> is read.</summary>
    IEnumerable<string> Notes => [];
}
