using System.Security.Cryptography;
using System.Text;
using Retention.Core.Orders;

namespace Retention.Pipeline.Import;

/// <summary>
/// What an import knows of its file before it writes anything: the SHA-256 that names the archive and the
/// checkpoint, that the header is one the format reads, and how many data rows there are (for progress).
/// A file that fails here leaves no trace in storage.
/// </summary>
public sealed record ImportFileScan(string Path, string Format, string Sha256, long Rows, long Bytes)
{
    /// <summary>Strict UTF-8: a file in another encoding would otherwise import with mangled ids.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="InvalidDataException">the file is not UTF-8 text or its header is not the format's.</exception>
    public static async Task<ImportFileScan> ScanAsync(string path, string format, CancellationToken cancellationToken)
    {
        string sha256;
        long bytes;
        await using (var file = File.OpenRead(path))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
            bytes = file.Length;
        }

        using var text = OpenText(path);
        try
        {
            var records = new CsvRecordReader(text).ReadAll().GetEnumerator();
            if (!records.MoveNext())
                throw new InvalidDataException($"the file is empty: it needs a header row such as {GenericCsvColumns.Layout}");
            if (records.Current.Problem is { } problem) throw new InvalidDataException($"the header row cannot be read: {problem}");
            GenericCsvColumns.FromHeader(records.Current.Values);
            long rows = 0;
            while (records.MoveNext())
            {
                if (++rows % 10_000 == 0) cancellationToken.ThrowIfCancellationRequested();
            }
            return new ImportFileScan(System.IO.Path.GetFullPath(path), format, sha256, rows, bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("the file is not UTF-8 text: save it as UTF-8 (CSV UTF-8) and import it again");
        }
    }

    public static StreamReader OpenText(string path) => new(path, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
}
