namespace Retention.Pipeline.Import;

/// <summary>One import: which file, in which format, into which shop.</summary>
/// <param name="Restart">read the whole file again even when its checkpoint says it was imported (still writes only what is newer).</param>
/// <param name="Concurrency">table batches in flight at once.</param>
public sealed record ImportRequest(string ShopId, string FilePath, string Format, bool Restart = false, int Concurrency = ImportRequest.DefaultConcurrency)
{
    public const int DefaultConcurrency = 4;
}
