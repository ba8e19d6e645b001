namespace Retention.Pipeline.Snapshots;

/// <summary>
/// One computation of a shop's day, as its summary row records it (<c>docs/storage.md</c>, "Reading a day"): the run's
/// id, which every dataset row it wrote carries as <c>RunId</c>, and how many rows it wrote to each dataset table. A
/// reader takes the rows with the summary's run id and knows they are the whole day when there are that many.
/// </summary>
/// <param name="RunId">time-ordered and unique per run, so two runs of one day never share it.</param>
/// <param name="DatasetRows">dataset table name → rows the run wrote to the day's partition.</param>
public sealed record SnapshotRun(string RunId, IReadOnlyDictionary<string, int> DatasetRows)
{
    /// <summary>A new run's id: a version-7 GUID, so ids sort by the time the run started.</summary>
    public static string NewId(TimeProvider clock) => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
}
