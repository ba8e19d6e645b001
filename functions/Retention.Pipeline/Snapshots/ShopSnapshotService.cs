using Microsoft.Extensions.Logging;
using Retention.Core.Snapshots;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Computes one shop's snapshot for one as-of date from its stored orders and writes it, replacing any earlier
/// run of the same date. The <c>snapshot-requests</c> queue trigger and <c>retention snapshot</c> both call it.
/// </summary>
public sealed class ShopSnapshotService(ShopDirectory shops, OrderTable orders, SnapshotTable snapshots, ILogger<ShopSnapshotService> logger)
{
    public async Task<ShopSnapshot> ComputeAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var shop = await shops.FindAsync(shopId, cancellationToken)
            ?? throw new InvalidDataException($"shop '{shopId}' is not registered");
        var shopOrders = await orders.ReadShopAsync(shop.Id, cancellationToken);
        var snapshot = ShopSnapshotCalculator.Compute(shop, asOf, shopOrders);
        await snapshots.SaveAsync(snapshot, cancellationToken);
        logger.LogInformation("Snapshot of {Shop} as of {AsOf}: {Customers} customers, {Orders} orders", shop.Id, asOf,
            snapshot.Customers, snapshot.Orders);
        return snapshot;
    }

    public Task<ShopSnapshot> HandleRequestAsync(string messageText, CancellationToken cancellationToken)
    {
        var request = QueueMessages.Parse<SnapshotRequestMessage>(messageText);
        return ComputeAsync(request.Shop, request.AsOf, cancellationToken);
    }
}
