using Retention.Pipeline.Exports;

namespace Retention.Pipeline.Reports;

/// <summary>
/// The reports the exporter has published, read back from the export store. "Latest" is the newest day with a day
/// manifest: the manifest is written last, so its presence means the day (report included) is complete, and no
/// separate pointer can disagree with what is there — re-running or back-filling an older day never moves it.
/// </summary>
public sealed class PublishedReports(IExportStore store)
{
    /// <summary>The newest published day of the shop, or null when none is.</summary>
    public async Task<DateOnly?> LatestDayAsync(string shop, CancellationToken cancellationToken)
    {
        DateOnly? latest = null;
        await foreach (var path in store.ListAsync(SnapshotReportPaths.ManifestPrefix(shop), cancellationToken))
            if (SnapshotReportPaths.ManifestDay(path) is { } day && (latest is null || day > latest)) latest = day;
        return latest;
    }

    /// <summary>The day's report as published, or null when that day has none.</summary>
    public Task<byte[]?> ReadAsync(string shop, DateOnly asOf, CancellationToken cancellationToken) =>
        store.ReadAsync(SnapshotReportPaths.Report(shop, asOf), cancellationToken);
}
