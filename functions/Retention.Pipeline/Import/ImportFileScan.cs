using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Retention.Core.Import;

namespace Retention.Pipeline.Import;

/// <summary>
/// What an import knows of its file before it writes anything: the SHA-256 that names the archive and the
/// checkpoint, that the header is one the format reads, and how many rows (orders) there are (for progress).
/// A file that fails here leaves no trace in storage.
/// </summary>
public sealed record ImportFileScan(string Path, string Format, string Sha256, long Rows, long Bytes)
{
    /// <summary>Strict UTF-8: a file in another encoding would otherwise import with mangled ids.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="InvalidDataException">the file is not UTF-8 text or its header is not the format's.</exception>
    public static async Task<ImportFileScan> ScanAsync(string path, OrderExportFormat format, CancellationToken cancellationToken)
    {
        string sha256;
        long bytes;
        await using (var file = File.OpenRead(path))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            bytes = file.Length;
        }

        try
        {
            using var text = OpenText(path);
            long rows;
            try
            {
                rows = format.CountRows(text, cancellationToken);
            }
            catch (InvalidDataException e) when (OtherFormat(path, format) is { } other)
            {
                throw new InvalidDataException($"{e.Message} (the header is a {other.Name} file's: import it with --format {other.Name})");
            }
            return new ImportFileScan(System.IO.Path.GetFullPath(path), format.Name, sha256, rows, bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("the file is not UTF-8 text: save it as UTF-8 (CSV UTF-8) and import it again");
        }
    }

    /// <summary>The file's text; a gzipped file (by its magic bytes, whatever its name) is read through its decompression.</summary>
    public static StreamReader OpenText(string path) =>
        new(OpenContent(path), Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>The file's bytes as the import reads them: decompressed when it is gzipped.</summary>
    public static Stream OpenContent(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var isGzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>The format whose header the file has, when it is not the one asked for.</summary>
    private static OrderExportFormat? OtherFormat(string path, OrderExportFormat asked)
    {
        using var text = OpenText(path);
        var first = new CsvRecordReader(text).ReadAll().FirstOrDefault();
        return first is { Problem: null } ? OrderExportFormat.Recognize(first.Values, asked) : null;
    }
}
