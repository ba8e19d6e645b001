using System.Globalization;
using Retention.Pipeline.Import;

namespace Retention.Cli.Import;

/// <summary>The end of an import: one line of counts, where things went, and the first skipped rows with their reasons.</summary>
public static class ImportSummaryPrinter
{
    public const int SkipsShown = 20;

    public static void Print(ImportResult result, string skipReport, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        string N(long n) => n.ToString("N0", c);
        var name = Path.GetFileName(result.File.Path);
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 0.001);

        if (result.CompletedBefore is { } completed)
            output.WriteLine($"{name} was imported into {result.ShopId} completely on {completed:yyyy-MM-dd HH:mm:ss}Z: nothing written " +
                             "(--restart reads it again and still writes only what is newer)");
        else if (result.Earlier > 0)
            output.WriteLine($"resumed {(result.ResumedAtLine is { } line ? $"at line {N(line)} " : "")}after an interrupted run, " +
                             $"which had done {N(result.Earlier)} rows");

        output.WriteLine($"read {N(result.Rows)} rows: {N(result.Stored)} stored, {N(result.Unchanged)} unchanged, {N(result.Skipped.Count)} skipped  " +
                         $"[{result.Elapsed.TotalSeconds.ToString("F1", c)} s, {(result.Rows / seconds).ToString("N0", c)} rows/s]");
        if (result.CompletedBefore is null)
            output.WriteLine($"  stored: {N(result.Inserted)} new, {N(result.Replaced)} replacing an older version" +
                             (result.Earlier > 0 ? $", {N(result.Earlier)} by the interrupted run" : "") +
                             $"; unchanged: the table already had that version or a newer one");
        foreach (var note in result.Notes) output.WriteLine($"  {note}");
        output.WriteLine($"  raw event: raw-events/{result.BlobName}");
        output.WriteLine($"  skip report: {skipReport}");

        if (result.Skipped.Count == 0) return;
        output.WriteLine(result.Skipped.Count <= SkipsShown
            ? $"skipped {N(result.Skipped.Count)} rows:"
            : $"skipped {N(result.Skipped.Count)} rows (the first {SkipsShown} here, all of them in the skip report):");
        foreach (var skip in result.Skipped.Take(SkipsShown)) output.WriteLine($"  {skip}");
    }
}
