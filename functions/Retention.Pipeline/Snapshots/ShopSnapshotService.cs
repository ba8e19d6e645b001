using Microsoft.Extensions.Logging;
using Retention.Core.Feedback;
using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Snapshots;
using Retention.Core.Spend;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Computes one shop's snapshot for one as-of date from its order ledger (brought up to date with the orders
/// changed since the last night, <see cref="OrderLedgerService"/>) and writes it, replacing any earlier run of the
/// same date. The <c>snapshot-requests</c> queue trigger and <c>retention snapshot</c> both call it.
/// </summary>
public sealed class ShopSnapshotService(
    ShopDirectory shops,
    OrderLedgerService ledgers,
    RetentionSpendTable spend,
    FeedbackTable feedback,
    SnapshotTable snapshots,
    SnapshotDatasets datasets,
    SnapshotExporter exporter,
    IExportStore exports,
    TimeProvider clock,
    ILogger<ShopSnapshotService> logger)
{
    /// <summary>Computes and stores the day, replacing an earlier run of the same day.</summary>
    public async Task<NightlySnapshot> ComputeAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var snapshot = await CalculateAsync(shopId, asOf, cancellationToken);
        await StoreAsync(snapshot, cancellationToken);
        return snapshot;
    }

    /// <summary>
    /// Back-fills every day from <paramref name="from"/> to <paramref name="to"/>: the orders and spend are read
    /// once and each day is computed from them, so a year costs one read, not 365.
    /// </summary>
    public async Task<int> ComputeRangeAsync(string shopId, DateOnly from, DateOnly to, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var (shop, ledger, spendTotals, answers) = await ReadAsync(shopId, cancellationToken);
        var days = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            await StoreAsync(Calculate(shop, ledger, spendTotals, answers, day), cancellationToken);
            days++;
            progress?.Report(days);
        }
        return days;
    }

    /// <summary>The same figures without storing them, from the same rows.</summary>
    public async Task<NightlySnapshot> CalculateAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var (shop, ledger, spendTotals, answers) = await ReadAsync(shopId, cancellationToken);
        return Calculate(shop, ledger, spendTotals, answers, asOf);
    }

    private async Task<(Shop Shop, OrderLedger Ledger, IReadOnlyDictionary<DateOnly, decimal> Spend,
        IReadOnlyList<FeedbackResponse> Answers)> ReadAsync(string shopId, CancellationToken cancellationToken)
    {
        var shop = await shops.FindAsync(shopId, cancellationToken)
            ?? throw new InvalidDataException($"shop '{shopId}' is not registered");
        return (shop, (await ledgers.LoadAsync(shop, cancellationToken)).Ledger, await spend.MonthlyTotalsAsync(shop.Id, cancellationToken),
            await feedback.ReadShopAsync(shop.Id, cancellationToken));
    }

    /// <summary>Every figure of one day from the ledger: what the benchmark times as the night's compute.</summary>
    public static NightlySnapshot Calculate(Shop shop, OrderLedger ledger,
        IReadOnlyDictionary<DateOnly, decimal> spendTotals, IReadOnlyList<FeedbackResponse> answers, DateOnly asOf)
    {
        var history = ledger.PurchasesAsOf(asOf);
        var summary = ShopSnapshotCalculator.Compute(shop, history, ledger.NetRevenueAsOf(asOf.AddDays(-1)));
        var retention = RetentionMetrics.Compute(history, shop.RetentionSettings);
        return new NightlySnapshot(summary, retention, RetentionCost.Compute(history, retention.Retention, spendTotals),
            FeedbackFigures.Compute(answers, history, retention.Churn.Threshold.Days, shop.LocalDate),
            NightlyForecast.Compute(history, shop.RetentionSettings));
    }

    /// <summary>
    /// Writes the day so that no reader ever meets half of it (<c>docs/storage.md</c>, "Reading a day"; <c>docs/exports.md</c>):
    /// the day is withdrawn first — its export markers, then its summary row — so a run that dies part-way leaves it
    /// absent, never an earlier run's markers over a mix of two runs' rows; the dataset rows carry this run's id; the
    /// summary row, naming the run and its row counts, is written after them as the commit; the exports last.
    /// </summary>
    private async Task StoreAsync(NightlySnapshot snapshot, CancellationToken cancellationToken)
    {
        var (shopId, asOf) = (snapshot.Summary.ShopId, snapshot.Summary.AsOf);
        var runId = SnapshotRun.NewId(clock);
        // The export first: a published export always belongs to the summary row beside it, never to one being replaced.
        await exporter.WithdrawAsync(shopId, asOf, exports, cancellationToken);
        await snapshots.WithdrawAsync(shopId, asOf, cancellationToken);
        var rows = await datasets.WriteAsync(snapshot, runId, cancellationToken);
        await snapshots.SaveAsync(snapshot.Summary, snapshot.Retention, snapshot.Feedback, snapshot.Forecast.Forecast, new SnapshotRun(runId, rows),
            cancellationToken);
        // The BI files after the tables: a failure here leaves the tables right and the day's export unpublished
        // (no manifest), and the queue's retry publishes it.
        await exporter.PublishAsync(snapshot, runId, exports, cancellationToken);
        logger.LogInformation("Snapshot of {Shop} as of {AsOf} (run {Run}): {Customers} customers, {Orders} orders", shopId, asOf, runId,
            snapshot.Summary.Customers, snapshot.Summary.Orders);
    }

    public Task<NightlySnapshot> HandleRequestAsync(string messageText, CancellationToken cancellationToken)
    {
        var request = QueueMessages.Parse<SnapshotRequestMessage>(messageText);
        return ComputeAsync(request.Shop, request.AsOf, cancellationToken);
    }
}
