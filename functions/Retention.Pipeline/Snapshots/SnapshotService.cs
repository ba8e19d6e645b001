using Microsoft.Extensions.Logging;
using Retention.Core.Audiences;
using Retention.Core.Datasets;
using Retention.Pipeline.Audiences;
using Retention.Core.Feedback;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;
using Retention.Core.Shops;
using Retention.Core.Spend;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Ledger;
using Retention.Pipeline.Products;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;
using Stage = Retention.Pipeline.Telemetry.RetentionTracing.NightStage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Computes one shop's night for one as-of date (<see cref="NightlyFigures"/>) from its order ledger (brought up to date with the orders
/// changed since the last night, <see cref="OrderLedgerService"/>) and writes it, replacing any earlier run of the
/// same date: the stored day, or snapshot. The <c>snapshot-requests</c> queue trigger and <c>retention snapshot</c> both call it.
/// </summary>
public sealed partial class SnapshotService(
    ShopDirectory shops,
    OrderLedgerService ledgers,
    RetentionSpendTable spend,
    FeedbackTable feedback,
    ProductCatalogTable products,
    AudienceService audiences,
    AudienceDeliveryService deliveries,
    SnapshotTable snapshots,
    DatasetTables datasets,
    SnapshotExporter exporter,
    IExportStore exports,
    TimeProvider clock,
    NightRunRecorder nightRuns,
    RetentionTracing tracing,
    RetentionMetrics metrics,
    ILogger<SnapshotService> logger)
{
    /// <summary>Computes and stores the day, replacing an earlier run of the same day.</summary>
    public async Task<NightlyFigures> ComputeAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        // A trace of its own per shop and night, a span per stage (docs/telemetry.md); its duration and outcome as metrics,
        // and as a row for `retention status` (NightRunRecorder); a failure still throws.
        using var span = tracing.StartNight(shopId, asOf);
        var started = clock.GetTimestamp();
        try
        {
            var snapshot = await nightRuns.RecordAsync(shopId, asOf, ct => ComputeNightAsync(shopId, asOf, ct), cancellationToken);
            span.Activity?.SetTag("retention.orders", snapshot.Headline.Orders);
            metrics.NightDone(shopId, completed: true, clock.GetElapsedTime(started), snapshot.Headline.Orders);
            return snapshot;
        }
        catch (Exception e)
        {
            span.Failed(e);
            metrics.NightDone(shopId, completed: false, clock.GetElapsedTime(started), orders: null);
            throw;
        }
    }

    private async Task<NightlyFigures> ComputeNightAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var snapshot = await CalculateAsync(shopId, asOf, cancellationToken);
        // The purchases and the forecast's working arrays are garbage now: the datasets and exports reuse their memory.
        NightMemory.Collect(snapshot.Headline.Orders);
        await StoreAsync(snapshot, cancellationToken);
        // After the stays are saved: a retry of the night finds the same changes and the outbox rows already there.
        // A back-fill (ComputeRangeAsync) delivers nothing: the shop's tools want tonight's changes, not a year of them.
        using (tracing.StartStage(Stage.Deliveries))
            await deliveries.EnqueueNightAsync(shopId, snapshot.Audiences, cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// Back-fills every day from <paramref name="from"/> to <paramref name="to"/>: the orders and spend are read
    /// once and each day is computed from them, so a year costs one read, not 365.
    /// </summary>
    public async Task<int> ComputeRangeAsync(string shopId, DateOnly from, DateOnly to, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var (shop, ledger, catalog, spendTotals, answers) = await ReadAsync(shopId, cancellationToken);
        var days = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var night = NightlyFigures.Compute(shop, ledger, catalog, spendTotals.Retention, answers, day, spendTotals.Channels);
            await StoreAsync(night with { Audiences = await audiences.ComputeAsync(shop, ledger, catalog, night, spendTotals.Audiences, cancellationToken) },
                cancellationToken);
            days++;
            progress?.Report(days);
        }
        return days;
    }

    /// <summary>The same figures without storing them, from the same rows.</summary>
    public async Task<NightlyFigures> CalculateAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var read = await ReadNightAsync(shopId, asOf, cancellationToken);
        // The ledger is garbage now: the forecast reuses its memory.
        NightMemory.Collect(read.LedgerOrders);
        NightlyFigures night;
        using (tracing.StartStage(Stage.Compute, ("retention.orders", read.LedgerOrders)))
            night = NightlyFigures.ComputeFrom(read.Shop, read.FromLedger, read.Spend.Retention, read.Answers);
        using (tracing.StartStage(Stage.Audiences))
            return night with { Audiences = AudienceService.Compute(read.Audiences, read.AudienceFacts, read.Catalog, night, read.Spend.Audiences) };
    }

    /// <summary>
    /// Everything the night reads, and what it needs of the ledger (<see cref="LedgerFigures"/>, the audiences'
    /// <see cref="AudienceLedgerFacts"/>), in a method of its own: the ledger is one of its locals, garbage once it has
    /// completed, so the forecast and the rest of the figures run without it (at 10,000,000 orders it was about 885 MiB of the heap,
    /// before its ids went to a byte a character;
    /// docs/benchmarks.md). Held in <see cref="CalculateAsync"/>'s own locals, it would stay alive to the end of the audiences.
    /// </summary>
    private async Task<NightRead> ReadNightAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        Shop shop; OrderLedger ledger; ProductCatalog catalog; ShopSpend spendTotals; IReadOnlyList<FeedbackResponse> answers; AudiencePlan? plan;
        using (tracing.StartStage(Stage.Read))
        {
            (shop, ledger, catalog, spendTotals, answers) = await ReadAsync(shopId, cancellationToken);
            plan = await audiences.PlanAsync(shop, asOf, cancellationToken);
        }
        using (tracing.StartStage(Stage.LedgerFigures, ("retention.orders", ledger.Count)))
            return new NightRead(shop, catalog, spendTotals, answers, ledger.Count, LedgerFigures.Of(shop, ledger, catalog, asOf, spendTotals.Channels),
                plan, plan?.ReadLedger(ledger, asOf) ?? AudienceLedgerFacts.None);
    }

    private sealed record NightRead(Shop Shop, ProductCatalog Catalog, ShopSpend Spend, IReadOnlyList<FeedbackResponse> Answers, int LedgerOrders,
        LedgerFigures FromLedger, AudiencePlan? Audiences, AudienceLedgerFacts AudienceFacts);

    private async Task<(Shop Shop, OrderLedger Ledger, ProductCatalog Catalog, ShopSpend Spend,
        IReadOnlyList<FeedbackResponse> Answers)> ReadAsync(string shopId, CancellationToken cancellationToken)
    {
        var shop = await shops.FindAsync(shopId, cancellationToken)
            ?? throw new InvalidDataException($"shop '{shopId}' is not registered");
        return (shop, (await ledgers.LoadAsync(shop, cancellationToken)).Ledger, await products.ReadCatalogAsync(shop.Id, cancellationToken),
            await spend.ReadTotalsAsync(shop.Id, cancellationToken), await feedback.ReadShopAsync(shop.Id, cancellationToken));
    }

    /// <summary>
    /// Writes the day so that no reader ever meets half of it (<c>docs/storage.md</c>, "Reading a day"; <c>docs/exports.md</c>):
    /// the day is withdrawn first — its export markers, then its summary row — so a run that dies part-way leaves it
    /// absent, never an earlier run's markers over a mix of two runs' rows; the dataset rows carry this run's id; the
    /// summary row, naming the run and its row counts, is written after them as the commit; the exports last.
    /// </summary>
    private async Task StoreAsync(NightlyFigures night, CancellationToken cancellationToken)
    {
        var (shopId, asOf) = (night.ShopId, night.AsOf);
        var runId = SnapshotRun.NewId(clock);
        var rows = NightlyDatasets.RowsOf(night);
        // The export first: a published export always belongs to the summary row beside it, never to one being replaced.
        await SnapshotExporter.WithdrawAsync(shopId, asOf, exports, cancellationToken);
        await snapshots.WithdrawAsync(shopId, asOf, cancellationToken);
        using (tracing.StartStage(Stage.Datasets))
        {
            var written = await datasets.WriteAsync(rows, shopId, asOf, runId, cancellationToken);
            await snapshots.SaveAsync(rows.Single(d => d.Dataset == NightlyDatasets.Kpis), shopId, asOf, new SnapshotRun(runId, written), cancellationToken);
        }
        // The BI files after the tables: a failure here leaves the tables right and the day's export unpublished
        // (no manifest), and the queue's retry publishes it.
        using (tracing.StartStage(Stage.Exports))
        {
            var manifest = await exporter.PublishAsync(night, rows, runId, exports, cancellationToken);
            foreach (var file in manifest.Files) metrics.Exported(shopId, ExportedFile.DatasetOf(file.Path), ExportedFile.FormatOf(file.Path), file.Bytes);
        }
        // The stays last: until they are saved, a retry computes tonight's audiences again from the same stays.
        await audiences.SaveAsync(shopId, night.Audiences, cancellationToken);
        LogSnapshotStored(logger, shopId, asOf, runId, night.Headline.Customers, night.Headline.Orders);
    }

    public Task<NightlyFigures> HandleRequestAsync(string messageText, CancellationToken cancellationToken)
    {
        var request = QueueMessages.Parse<SnapshotRequestMessage>(messageText);
        return ComputeAsync(request.Shop, request.AsOf, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot of {Shop} as of {AsOf} (run {Run}): {Customers} customers, {Orders} orders")]
    private static partial void LogSnapshotStored(ILogger logger, string shop, DateOnly asOf, string run, int customers, int orders);
}
