using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Retention.Pipeline.Exports;

/// <summary>Where export files go: the exports container in Azure, or a folder for people without Azure.</summary>
public interface IExportStore
{
    /// <summary>Writes (or replaces) the file at <paramref name="path"/>, '/'-separated, relative to the store's root.</summary>
    Task WriteAsync(string path, Stream content, string contentType, CancellationToken cancellationToken);

    Task DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>The file's bytes, or null when there is none (the report endpoint serves published files from here).</summary>
    Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>The paths of the files whose path starts with <paramref name="prefix"/>, in no particular order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The full location of a path, for people: a URL or a file path.</summary>
    string Locate(string path);
}

/// <summary>The <c>exports</c> blob container.</summary>
public sealed class BlobExportStore(BlobContainerClient container) : IExportStore
{
    public async Task WriteAsync(string path, Stream content, string contentType, CancellationToken cancellationToken) =>
        await container.GetBlobClient(path).UploadAsync(content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Asking is one request where checking first would be two, and a missing file is an answer, not a failure.
            return null;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            yield return blob.Name;
    }

    public string Locate(string path) => container.GetBlobClient(path).Uri.ToString();
}

/// <summary>A local folder laid out exactly like the container (<c>retention export --to DIR</c>).</summary>
public sealed class DirectoryExportStore(string root) : IExportStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task WriteAsync(string path, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var file = Locate(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Written beside and moved into place, so a reader of the folder never opens half a file.
        var temporary = file + ".partial";
        await using (var output = File.Create(temporary)) await content.CopyToAsync(output, cancellationToken);
        File.Move(temporary, file, overwrite: true);
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var file = Locate(path);
        if (File.Exists(file)) File.Delete(file);
        return Task.CompletedTask;
    }

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var file = Locate(path);
        return File.Exists(file) ? await File.ReadAllBytesAsync(file, cancellationToken) : null;
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the folder the prefix names is walked, not the whole export tree.
        var folder = Locate(prefix[..(prefix.LastIndexOf('/') + 1)]);
        if (!System.IO.Directory.Exists(folder)) yield break;
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Half-written files (".partial") are not files of the store yet.
            var path = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (path.StartsWith(prefix, StringComparison.Ordinal) && !path.EndsWith(".partial", StringComparison.Ordinal)) yield return path;
        }
        await Task.CompletedTask;
    }

    public string Locate(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
