using System.Text;
using Retention.Core.Import;

namespace Retention.Cli.Import;

/// <summary>
/// Every skipped row of an import as CSV (<c>line,order_id,reason</c>), beside the input unless a path is given.
/// It is written on every run, with no rows when nothing was skipped, so a report left from an earlier
/// version of the file is never mistaken for this one's.
/// </summary>
public static class SkipReportFile
{
    public static string DefaultPath(string input)
    {
        var full = Path.GetFullPath(input);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".skips.csv");
    }

    public static async Task WriteAsync(string path, IReadOnlyList<ImportSkip> skips, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("line,order_id,reason\n");
        foreach (var skip in skips)
            text.Append(skip.Line).Append(',').Append(Quote(skip.OrderId ?? "")).Append(',').Append(Quote(skip.Reason)).Append('\n');
        try
        {
            await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot write the skip report {path}: {e.Message} (give another place with --skips)");
        }
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
