namespace Retention.Pipeline.Import;

/// <summary>One import: which file, in which format, into which shop.</summary>
/// <param name="Restart">read the whole file again even when its checkpoint says it was imported (still writes only what is newer).</param>
/// <param name="Concurrency">table batches in flight at once.</param>
/// <param name="Columns">the <c>lines-csv</c> mapping <c>target=SourceColumn,…</c> (<c>docs/import.md</c>); no other format reads it.</param>
public sealed record ImportRequest(string ShopId, string FilePath, string Format, bool Restart = false, int Concurrency = ImportRequest.DefaultConcurrency,
    string? Columns = null)
{
    public const int DefaultConcurrency = 4;
}
