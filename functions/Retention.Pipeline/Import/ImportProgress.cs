namespace Retention.Pipeline.Import;

public enum ImportStage { Scanning, Archiving, Importing, Done }

/// <summary>
/// Live counters of one import, for a progress display to poll while it runs. Batches finish on other threads,
/// so every count is read and written atomically; nothing here is shared between imports.
/// </summary>
public sealed class ImportProgress
{
    private long _rows, _done, _inserted, _replaced, _unchanged, _skipped, _earlier;
    private int _stage;

    public ImportStage Stage => (ImportStage)Volatile.Read(ref _stage);
    /// <summary>Data rows in the file; known once the file is scanned.</summary>
    public long Rows => Interlocked.Read(ref _rows);
    /// <summary>Rows finished: stored, found unchanged, skipped, or done by an earlier run.</summary>
    public long Done => Interlocked.Read(ref _done);
    public long Inserted => Interlocked.Read(ref _inserted);
    public long Replaced => Interlocked.Read(ref _replaced);
    public long Unchanged => Interlocked.Read(ref _unchanged);
    public long Skipped => Interlocked.Read(ref _skipped);
    public long Earlier => Interlocked.Read(ref _earlier);

    internal void Enter(ImportStage stage) => Volatile.Write(ref _stage, (int)stage);
    internal void SetRows(long rows) => Interlocked.Exchange(ref _rows, rows);
    internal void AddInserted(long n) => Add(ref _inserted, n);
    internal void AddReplaced(long n) => Add(ref _replaced, n);
    internal void AddUnchanged(long n) => Add(ref _unchanged, n);
    internal void AddSkipped(long n) => Add(ref _skipped, n);
    internal void AddEarlier(long n) => Add(ref _earlier, n);

    private void Add(ref long counter, long n)
    {
        Interlocked.Add(ref counter, n);
        Interlocked.Add(ref _done, n);
    }
}
