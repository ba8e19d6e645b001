using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Ledger;

/// <summary>How a night came by its ledger: folded forward from the saved one, or rebuilt from every stored order.</summary>
/// <param name="Incremental">true when the saved ledger was reused and only the changed orders were read.</param>
/// <param name="ChangedOrders">orders named in the change log since the saved ledger (0 on a rebuild).</param>
/// <param name="OrdersRead">order rows read from the orders table: the changed ones, or all of them.</param>
public sealed record LedgerLoad(OrderLedger Ledger, bool Incremental, int ChangedOrders, int OrdersRead, bool Saved);

/// <summary>
/// Brings a shop's <see cref="OrderLedger"/> up to date for a night (<c>docs/nightly-cost.md</c>): reads the saved
/// ledger, the change log from the day it names, and each changed order by point read; folds them in; saves the
/// result and deletes the change-log days it no longer needs. Without a usable saved ledger (first night, another
/// time zone, another file format) or with too many changes for point reads to pay, it reads every order instead.
/// Either way the ledger equals <see cref="OrderLedger.Build"/> over the stored orders.
/// </summary>
public sealed partial class OrderLedgerService(OrderTable orders, OrderLedgerStore ledgers, ILogger<OrderLedgerService> logger)
{
    /// <summary>
    /// Allowance between the blob service's clock (the read start) and the table service's (the entries' timestamps):
    /// one storage account, kept in step by the service; a second is generous.
    /// </summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    /// <summary>Point reads run this many at a time.</summary>
    private const int PointReadConcurrency = 16;

    /// <summary>
    /// Above this share of the ledger, one 1,000-row page read beats a point read per order: a bulk import is
    /// folded in by a full read, a day of webhooks by point reads.
    /// </summary>
    private const double FullReadShare = 0.05;

    public async Task<LedgerLoad> LoadAsync(Shop shop, CancellationToken cancellationToken)
    {
        // One day of overlap: an entry written around midnight, or still in flight, is read again next night.
        var changesFrom = orders.Changes.Today.AddDays(-1);
        // The storage service's time before anything is read: a write it stamps earlier is in what this run reads.
        var readStartedAt = await ledgers.ServerTimeAsync(cancellationToken);
        var saved = await ledgers.ReadAsync(shop.Id, cancellationToken);
        var etag = saved?.ETag;
        LedgerLoad load;
        if (saved is not null && saved.Ledger.IsFor(shop))
        {
            var changes = await orders.Changes.ReadAsync(shop.Id, saved.ChangesFrom, orders.Changes.Today, cancellationToken);
            // A bulk entry written before the saved ledger's run started reading was in that run's full read.
            var bulkSince = changes.LastBulkAt is { } bulkAt && bulkAt >= saved.ReadStartedAt - ClockSkew;
            var fold = !bulkSince && changes.OrderIds.Count <= Math.Max(1_000, saved.Ledger.Count * FullReadShare);
            // Yesterday's ledger is let go here, not held by this method to its end: a fold hands it on and it is garbage
            // past the fold, a full read does not need it at all, and a large shop's ledger is hundreds of megabytes
            // (bench night-child: kept, it stayed alive through the figures).
            OrderLedger? yesterday = Take(ref saved).Ledger;
            if (!fold) yesterday = null;
            load = fold
                ? await FoldAsync(shop, Take(ref yesterday), changes.OrderIds, cancellationToken)
                : await RebuildAsync(shop, changes.OrderIds.Count, cancellationToken);
        }
        else
        {
            load = await RebuildAsync(shop, 0, cancellationToken);
        }
        // Yesterday's ledger (a fold) or every order read (a rebuild) is garbage now, and as large as today's ledger.
        NightMemory.Release(load.Ledger.Count);

        var stored = await ledgers.SaveAsync(load.Ledger, changesFrom, readStartedAt, etag, cancellationToken);
        if (stored) await orders.Changes.DeleteBeforeAsync(shop.Id, changesFrom, cancellationToken);
        else LogSavedByAnotherRun(logger, shop.Id);
        LogLedgerLoaded(logger, shop.Id, load.Ledger.Count, load.Incremental ? "folded forward" : "rebuilt", load.ChangedOrders, load.OrdersRead);
        return load with { Saved = stored };
    }

    /// <summary>The value, with the variable emptied: an async method's locals live as long as the method.</summary>
    private static T Take<T>(ref T? variable) where T : class
    {
        var value = variable!;
        variable = null;
        return value;
    }

    private async Task<LedgerLoad> FoldAsync(Shop shop, OrderLedger ledger, IReadOnlySet<string> changed, CancellationToken cancellationToken)
    {
        var found = new NormalizedOrder?[changed.Count];
        var ids = changed.ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length),
            new ParallelOptions { MaxDegreeOfParallelism = PointReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await orders.FindAsync(shop.Id, ids[i], ct));
        var present = found.OfType<NormalizedOrder>().ToList();
        var gone = ids.Where((_, i) => found[i] is null);
        return new LedgerLoad(ledger.Apply(shop, present, gone), Incremental: true, changed.Count, ids.Length, Saved: false);
    }

    private async Task<LedgerLoad> RebuildAsync(Shop shop, int changed, CancellationToken cancellationToken)
    {
        var all = await orders.ReadShopAsync(shop.Id, cancellationToken);
        return new LedgerLoad(OrderLedger.Build(shop, all), Incremental: false, changed, all.Count, Saved: false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The order ledger of {Shop} was saved by another run meanwhile; this run's copy is not kept")]
    private static partial void LogSavedByAnotherRun(ILogger logger, string shop);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order ledger of {Shop}: {Orders} orders, {How}, {Changed} changed, {Read} rows read")]
    private static partial void LogLedgerLoaded(ILogger logger, string shop, int orders, string how, int changed, int read);
}
