using Azure;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Ledger;

namespace Retention.Cli.Bench;

/// <summary>
/// Removes what a <c>retention bench</c> run left (import, nightly --from-storage, load): the bench shop's orders, its change
/// log and order ledger, its archived files and its row in the shops table, so repeated runs on a kept Azurite do not pile up
/// rows the nightly job would read. Refuses any shop that is not a bench shop. Part of the command line, not of the deployed
/// app: nothing the Functions app runs ever erases a bench shop.
/// </summary>
public sealed class BenchShopCleanup(RetentionStorage storage)
{
    public const string Prefix = "bench-";

    /// <param name="orderIds">the orders the bench stored: deleting by key is many times faster on Azurite than scanning for them.</param>
    public async Task EraseAsync(string shopId, IEnumerable<string> orderIds, int concurrency, CancellationToken cancellationToken)
    {
        if (!shopId.StartsWith(Prefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{shopId}' is not a bench shop; only shops named {Prefix}… are erased");

        var orders = storage.Table(StorageNames.OrdersTable);
        var batches = orderIds
            .Select(id => new TableEntity(OrderTable.PartitionKey(shopId, id), TableKey.Escape(id)))
            .GroupBy(e => e.PartitionKey)
            .SelectMany(partition => partition.Chunk(OrderTable.MaxBatchSize));
        await Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                try
                {
                    await orders.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), ct);
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    // One of them was never stored (an interrupted bench): delete the others one by one.
                    foreach (var entity in batch) await orders.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, ct);
                }
            });

        await foreach (var blob in storage.RawEvents.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, shopId + "/", cancellationToken))
            await storage.RawEvents.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        await storage.Blobs.GetBlobContainerClient(StorageNames.OrderLedgersContainer)
            .DeleteBlobIfExistsAsync(OrderLedgerStore.BlobName(shopId), cancellationToken: cancellationToken);
        // Every day of the change log: the day after today is past any entry the bench could have written.
        await new OrderChangeLog(storage, TimeProvider.System).DeleteBeforeAsync(shopId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), cancellationToken);
        // The shops table's one partition, as ShopDirectory keeps it.
        await storage.Table(StorageNames.ShopsTable).DeleteEntityAsync("shop", shopId, ETag.All, cancellationToken);
    }
}
