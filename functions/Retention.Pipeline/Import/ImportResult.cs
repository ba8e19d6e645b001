using Retention.Core.Import;

namespace Retention.Pipeline.Import;

/// <summary>
/// What an import did. Every data row is counted once: <c>Rows = Earlier + Inserted + Replaced + Unchanged + Skipped</c>.
/// </summary>
/// <param name="Earlier">rows stored (or found unchanged) by an interrupted earlier run, below the checkpoint it resumed from.</param>
/// <param name="Inserted">orders stored new.</param>
/// <param name="Replaced">orders whose stored older version this row replaced.</param>
/// <param name="Unchanged">rows whose order was already stored in this version or a newer one (a re-import, or a webhook's later version).</param>
/// <param name="Skipped">every row not stored, in file order, with its line and reason.</param>
/// <param name="ResumedAtLine">the line the run resumed at, when it continued an interrupted one.</param>
/// <param name="CompletedBefore">when the file was already imported completely and nothing was written this time.</param>
public sealed record ImportResult(
    string ShopId,
    string BlobName,
    ImportFileScan File,
    long Earlier,
    long Inserted,
    long Replaced,
    long Unchanged,
    IReadOnlyList<ImportSkip> Skipped,
    long? ResumedAtLine,
    DateTimeOffset? CompletedBefore,
    TimeSpan Elapsed)
{
    public long Rows => File.Rows;

    /// <summary>What the format's reader says of the file beyond these counts (<c>lines-csv</c>: orders, returns, guests, countries).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public long Stored => Earlier + Inserted + Replaced;
}
