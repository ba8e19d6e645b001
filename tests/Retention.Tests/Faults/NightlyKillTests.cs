using System.Globalization;
using Azure.Data.Tables;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Datasets;

namespace Retention.Tests.Faults;

/// <summary>
/// Issue 8: the nightly job killed half-way through a shop. The night runs as its own process
/// (<c>retention snapshot</c>) and is killed hard (SIGKILL) at chosen points, found by watching storage; after each
/// kill a reader following the documented rules sees the day whole or not at all, tables, exports and report alike;
/// and the next run leaves exactly what an uninterrupted night left for a twin shop with the same history.
/// </summary>
public class NightlyKillTests(NightlyKillShops shops) : IClassFixture<NightlyKillShops>, IDisposable
{
    private static readonly TimeSpan NightTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("retention-nightly-kill-").FullName;
    private PipelineHost Pipeline => shops.Pipeline;
    private NightlyKillReader Reader => new(Pipeline, NightlyKillShops.AsOf);

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private RunningRetention StartNight(string shop) => RetentionCli.Start("snapshot", "--shop", shop,
        "--as-of", NightlyKillShops.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "--storage", Pipeline.Azurite.ConnectionString, "--settings", Pipeline.Settings.Path);

    private async Task RunNightToTheEndAsync(string shop)
    {
        await using var night = StartNight(shop);
        using var timeout = new CancellationTokenSource(NightTimeout);
        var result = await night.WaitForExitAsync(timeout.Token);
        Assert.True(result.ExitCode == 0, $"the night of {shop} failed: {result.Error}{result.Output}");
    }

    /// <summary>
    /// Starts the night and kills it the moment <paramref name="observe"/> sees the point it names, then asks
    /// <paramref name="landedMidway"/> whether the kill really landed part-way (a kill after the end would prove
    /// nothing). Both are told the run ids the day knew before this night. A night that outruns its kill (the test
    /// process stalled on a loaded machine) has left the day complete, so computing it again is the same fault:
    /// it is tried again, at most three times.
    /// </summary>
    private async Task<T> KillNightMidwayAsync<T>(string shop, string point, Func<IReadOnlySet<string>, Task<T?>> observe,
        Func<IReadOnlySet<string>, T, Task<bool>> landedMidway) where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var known = await KnownRunsAsync(shop);
            if (await KillNightWhenAsync(shop, point, () => observe(known)) is { } seen && await landedMidway(known, seen)) return seen;
            Assert.True(attempt < 3, $"three nights of {shop} ended before they could be killed at {point}");
        }
    }

    /// <returns>what <paramref name="observe"/> saw, or null when the night ended (successfully) before it saw it.</returns>
    private async Task<T?> KillNightWhenAsync<T>(string shop, string point, Func<Task<T?>> observe) where T : class
    {
        await using var night = StartNight(shop);
        using var timeout = new CancellationTokenSource(NightTimeout);
        while (true)
        {
            if (await observe() is { } seen)
            {
                await night.KillAsync();
                return seen;
            }
            if (night.HasExited)
            {
                var result = await night.WaitForExitAsync(timeout.Token);
                Assert.True(result.ExitCode == 0, $"the night of {shop} failed before {point}: {result.Error}{result.Output}");
                return null;
            }
            Assert.False(timeout.IsCancellationRequested, $"the night of {shop} did not reach {point} within {NightTimeout}: {night.Error}{night.Output}");
            await Task.Delay(5);
        }
    }

    /// <summary>The run ids the day's storage names: the summary row's and those of its rows in the largest dataset table.</summary>
    private async Task<IReadOnlySet<string>> KnownRunsAsync(string shop)
    {
        var known = (await Reader.RunsInAsync(NightlyDatasets.Cohorts.Table, shop)).Keys.ToHashSet(StringComparer.Ordinal);
        if ((await Reader.SummaryAsync(shop))?.GetString("RunId") is { } summary) known.Add(summary);
        return known;
    }

    /// <summary>Everything a reader sees of the day is whole or absent; returns the published manifest, if any.</summary>
    private async Task<(string? RunId, ExportManifest? Manifest)> AssertReadersSeeNoHalfDayAsync(string shop)
    {
        var runId = await Reader.AssertTablesWholeAsync(shop);
        var manifest = await Reader.AssertExportsWholeAsync(shop, runId);
        await Reader.AssertReportWholeAsync(shop, manifest);
        return (runId, manifest);
    }

    private async Task AssertSameDayAsTheTwinAsync(string shop)
    {
        var (runId, manifest) = await AssertReadersSeeNoHalfDayAsync(shop);
        Assert.NotNull(runId);
        Assert.NotNull(manifest);
        Assert.Equal(await Reader.DayAsTextAsync(NightlyKillShops.Twin, _folder), await Reader.DayAsTextAsync(shop, _folder));
    }

    /// <summary>The run id of a row of the day's largest dataset table written by a run not in <paramref name="known"/>, or null.</summary>
    private async Task<string?> NewRunsDetailRowAsync(string shop, IReadOnlySet<string> known)
    {
        var filter = string.Join(" and ", known.Select(run => TableClient.CreateQueryFilter($"RunId ne {run}"))
            .Prepend(TableClient.CreateQueryFilter($"PartitionKey eq {SnapshotDayWriter.PartitionKey(shop, NightlyKillShops.AsOf)}")));
        await foreach (var row in Pipeline.Storage.Table(NightlyDatasets.Cohorts.Table).QueryAsync<TableEntity>(filter, maxPerPage: 1,
                           select: ["RowKey", "RunId"]))
            return row.GetString("RunId");
        return null;
    }

    /// <summary>The run id of the day's summary row when a run not in <paramref name="known"/> wrote it, or null.</summary>
    private async Task<string?> NewRunsSummaryAsync(string shop, IReadOnlySet<string> known) =>
        (await Reader.SummaryAsync(shop))?.GetString("RunId") is { } run && !known.Contains(run) ? run : null;

    private async Task<bool> ExportBlobExistsAsync(string path) =>
        (await Pipeline.Storage.Blobs.GetBlobContainerClient(StorageNames.ExportsContainer).GetBlobClient(path).ExistsAsync()).Value;

    private async Task<bool> IsPublishedAsync(string shop) =>
        await ExportBlobExistsAsync(SnapshotExporter.ManifestPath(shop, NightlyKillShops.AsOf));

    [Fact]
    public async Task A_first_night_killed_while_writing_rows_and_again_while_publishing_ends_as_an_uninterrupted_night()
    {
        const string shop = "kill-first";
        await shops.GiveHistoryAsync(shop);

        // (a) Killed among the dataset rows: the day has rows of the dying run and no summary, so no reader takes it.
        var dying = await KillNightMidwayAsync(shop, "its first dataset row", known => NewRunsDetailRowAsync(shop, known),
            async (_, _) => await Reader.SummaryAsync(shop) is null);
        Assert.Contains(dying, (await Reader.RunsInAsync(NightlyDatasets.Cohorts.Table, shop)).Keys);
        var (runId, manifest) = await AssertReadersSeeNoHalfDayAsync(shop);
        Assert.Equal((null, null), (runId, manifest));

        // (b) Killed once its summary row is written, while publishing: the tables are committed, the exports are not published.
        var committed = await KillNightMidwayAsync(shop, "its summary row", known => NewRunsSummaryAsync(shop, known),
            async (_, _) => !await IsPublishedAsync(shop));
        (runId, manifest) = await AssertReadersSeeNoHalfDayAsync(shop);
        Assert.Equal((committed, null), (runId, manifest));

        await RunNightToTheEndAsync(shop);
        await AssertSameDayAsTheTwinAsync(shop);
    }

    [Fact]
    public async Task A_complete_day_computed_again_and_killed_part_way_is_never_half_old_half_new_and_the_next_run_restores_it()
    {
        const string shop = "kill-rerun";
        await shops.GiveHistoryAsync(shop);
        // The complete day computed in the test's own process (the same service the command runs): only the re-runs need killing.
        await Pipeline.Service<SnapshotService>().ComputeAsync(shop, NightlyKillShops.AsOf, default);
        var (complete, published) = await AssertReadersSeeNoHalfDayAsync(shop);
        Assert.NotNull(complete);
        Assert.NotNull(published);

        // (c) The re-run killed while it replaces the rows: the partition holds rows of both runs (a mix a reader of the
        // old summary would have taken for the day), and no summary commits either.
        var rerun = await KillNightMidwayAsync(shop, "its first rewritten dataset row", known => NewRunsDetailRowAsync(shop, known),
            async (known, rerun) =>
            {
                var runs = (await Reader.RunsInAsync(NightlyDatasets.Cohorts.Table, shop)).Keys;
                return runs.Contains(rerun) && runs.Any(known.Contains) && await Reader.SummaryAsync(shop) is null;
            });
        var (runId, manifest) = await AssertReadersSeeNoHalfDayAsync(shop);
        Assert.Equal((null, null), (runId, manifest));
        // Unpublished, the earlier run's files are still whole where they were, for readers that do not follow markers.
        var left = await Reader.ExportFilesAsync(shop);
        Assert.All(published!.Files, f => Assert.Equal(f.Sha256, NightlyKillReader.Sha256(left[f.Path])));

        // (d) The next re-run killed after it published its first dataset again, while it rewrites the others' files:
        // committed tables, and the day unpublished (only that dataset's _SUCCESS, which lists its new files).
        var kpisSuccess = $"{SnapshotExporter.Directory(NightlyDatasets.Kpis.Name, shop, NightlyKillShops.AsOf)}/{SnapshotExporter.SuccessName}";
        var republishing = await KillNightMidwayAsync(shop, "its first dataset's _SUCCESS",
            async known => await NewRunsSummaryAsync(shop, known) is { } run && await ExportBlobExistsAsync(kpisSuccess) ? run : null,
            async (_, _) => !await IsPublishedAsync(shop));
        Assert.NotEqual(rerun, republishing);
        (runId, manifest) = await AssertReadersSeeNoHalfDayAsync(shop);
        Assert.Equal((republishing, null), (runId, manifest));

        await RunNightToTheEndAsync(shop);
        await AssertSameDayAsTheTwinAsync(shop);
    }
}
