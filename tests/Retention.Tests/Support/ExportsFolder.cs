using Retention.Pipeline.Storage;

namespace Retention.Tests.Support;

/// <summary>The exports container copied into a folder, as a BI tool syncing it would, for DuckDB to read with Hive partitioning.</summary>
public static class ExportsFolder
{
    public static async Task CopyAsync(RetentionStorage storage, string folder)
    {
        var container = storage.Blobs.GetBlobContainerClient(StorageNames.ExportsContainer);
        await foreach (var blob in container.GetBlobsAsync())
        {
            var file = Path.Combine(folder, blob.Name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await container.GetBlobClient(blob.Name).DownloadToAsync(file);
        }
    }
}
