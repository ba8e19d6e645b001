using System.Globalization;
using Retention.Pipeline.Exports;

namespace Retention.Pipeline.Reports;

/// <summary>
/// Where a day's report lives among the exports (<c>reports/shop={shop}/as_of={yyyy-MM-dd}/report.html</c>, beside the
/// datasets' partitions) and how the published days of a shop are read off the day manifests.
/// </summary>
public static class SnapshotReportPaths
{
    public const string Folder = "reports";
    public const string FileName = "report.html";

    public static string Report(string shop, DateOnly asOf) => $"{SnapshotExporter.Directory(Folder, shop, asOf)}/{FileName}";

    /// <summary>The prefix of a shop's day manifests; the trailing '/' keeps shop "demo" from matching "demo-shop".</summary>
    public static string ManifestPrefix(string shop) => $"_manifests/shop={shop}/";

    /// <summary>The day of a manifest path (<c>_manifests/shop=x/as_of=2025-12-31.json</c>), or null for any other file.</summary>
    public static DateOnly? ManifestDay(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        const string prefix = "as_of=", suffix = ".json";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal)) return null;
        return DateOnly.TryParseExact(name[prefix.Length..^suffix.Length], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : null;
    }
}
