using Retention.Core.Orders;

namespace Retention.Core.Import;

/// <summary>
/// One data row of an imported file: the order it normalized to, or why it was skipped. <see cref="Index"/>
/// counts data rows from 0 in file order (a resumed import skips the rows below its checkpoint by it);
/// <see cref="Line"/> is where the row starts in the file, for people.
/// </summary>
public sealed record CsvOrderRow(long Index, long Line, NormalizedOrder? Order, ImportSkip? Skip);

/// <summary>A row the import did not store, with the line to find it by and the reason in the column's terms.</summary>
public sealed record ImportSkip(long Line, string? OrderId, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}
