using System.Globalization;
using Azure;

namespace Retention.Pipeline.Import;

/// <summary>
/// How far an import of one file into one shop got: every data row with an index below <see cref="RowsDone"/>
/// is stored (or was skipped), so a run after an interruption reads those rows only to report on them and
/// writes from <see cref="RowsDone"/> on.
/// Kept as metadata of the archived file (<see cref="ImportArchive"/>); the other metadata travels along unchanged.
/// </summary>
public sealed record ImportCheckpoint(IReadOnlyDictionary<string, string> Metadata, long RowsDone, DateTimeOffset? CompletedAt, ETag ETag)
{
    private const string RowsDoneKey = "importedrows";
    private const string CompletedAtKey = "completedat";
    private const string UpdatedAtKey = "checkpointat";

    public bool IsComplete => CompletedAt is not null;

    public static ImportCheckpoint FromMetadata(IDictionary<string, string> metadata, ETag etag)
    {
        var values = new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase);
        return new ImportCheckpoint(values,
            values.TryGetValue(RowsDoneKey, out var rows) ? long.Parse(rows, CultureInfo.InvariantCulture) : 0,
            values.TryGetValue(CompletedAtKey, out var completed) ? DateTimeOffset.Parse(completed, CultureInfo.InvariantCulture) : null,
            etag);
    }

    public ImportCheckpoint Progressed(long rowsDone, DateTimeOffset? completedAt) =>
        this with { RowsDone = rowsDone, CompletedAt = completedAt };

    public Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(Metadata, StringComparer.OrdinalIgnoreCase)
        {
            [RowsDoneKey] = RowsDone.ToString(CultureInfo.InvariantCulture),
            [UpdatedAtKey] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        if (CompletedAt is { } completed) metadata[CompletedAtKey] = completed.ToString("O", CultureInfo.InvariantCulture);
        else metadata.Remove(CompletedAtKey);
        return metadata;
    }
}
