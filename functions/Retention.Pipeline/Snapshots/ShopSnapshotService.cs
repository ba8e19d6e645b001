using Microsoft.Extensions.Logging;
using Retention.Core.Metrics;
using Retention.Core.Snapshots;
using Retention.Core.Spend;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Computes one shop's snapshot for one as-of date from its stored orders and writes it, replacing any earlier
/// run of the same date. The <c>snapshot-requests</c> queue trigger and <c>retention snapshot</c> both call it.
/// </summary>
public sealed class ShopSnapshotService(
    ShopDirectory shops,
    OrderTable orders,
    RetentionSpendTable spend,
    SnapshotTable snapshots,
    SnapshotDatasets datasets,
    ILogger<ShopSnapshotService> logger)
{
    /// <summary>Computes and stores the day, replacing an earlier run of the same day.</summary>
    public async Task<NightlySnapshot> ComputeAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var snapshot = await CalculateAsync(shopId, asOf, cancellationToken);
        // The datasets first, the summary row last: a reader who finds the day's summary finds its details too.
        await datasets.WriteAsync(shopId, snapshot.Retention, snapshot.Cost, cancellationToken);
        await snapshots.SaveAsync(snapshot.Summary, snapshot.Retention, cancellationToken);
        logger.LogInformation("Snapshot of {Shop} as of {AsOf}: {Customers} customers, {Orders} orders", shopId, asOf,
            snapshot.Summary.Customers, snapshot.Summary.Orders);
        return snapshot;
    }

    /// <summary>The same figures without storing them, from the same rows.</summary>
    public async Task<NightlySnapshot> CalculateAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var shop = await shops.FindAsync(shopId, cancellationToken)
            ?? throw new InvalidDataException($"shop '{shopId}' is not registered");
        var shopOrders = await orders.ReadShopAsync(shop.Id, cancellationToken);
        var summary = ShopSnapshotCalculator.Compute(shop, asOf, shopOrders);
        var history = PurchaseHistory.Of(shop, asOf, shopOrders);
        var retention = RetentionMetrics.Compute(history, shop.RetentionSettings);
        var cost = RetentionCost.Compute(history, retention.Retention, await spend.MonthlyTotalsAsync(shop.Id, cancellationToken));
        return new NightlySnapshot(summary, retention, cost);
    }

    public Task<NightlySnapshot> HandleRequestAsync(string messageText, CancellationToken cancellationToken)
    {
        var request = QueueMessages.Parse<SnapshotRequestMessage>(messageText);
        return ComputeAsync(request.Shop, request.AsOf, cancellationToken);
    }
}
