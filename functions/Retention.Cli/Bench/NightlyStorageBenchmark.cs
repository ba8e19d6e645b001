using System.Diagnostics;
using Retention.Core.Orders;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>
/// The night end to end from storage: the bench shop's orders written into the orders table as table batches
/// (what the history import does, without the file), then <see cref="ShopSnapshotService.ComputeAsync"/> timed
/// whole (read every order, compute, write the datasets and the summary row), then without the writes
/// (<see cref="ShopSnapshotService.CalculateAsync"/>), then the read alone.
/// </summary>
public sealed class NightlyStorageBenchmark(OrderTable orders, ShopSnapshotService snapshots)
{
    public sealed record Result(int Orders, TimeSpan Load, TimeSpan Night, TimeSpan Calculate, TimeSpan ReadAlone)
    {
        public double LoadRate => Orders / Math.Max(Load.TotalSeconds, 0.001);
    }

    public async Task<Result> MeasureAsync(NightlyBenchShop bench, int concurrency, CancellationToken cancellationToken)
    {
        var batches = bench.Orders
            .GroupBy(o => OrderTable.PartitionKey(bench.Shop.Id, o.OrderId))
            .SelectMany(partition => partition.Chunk(OrderTable.MaxBatchSize))
            .ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (batch, ct) => await orders.UpsertBatchAsync(batch, 1, ct));
        var load = clock.Elapsed;

        clock.Restart();
        await snapshots.ComputeAsync(bench.Shop.Id, bench.AsOf, cancellationToken);
        var night = clock.Elapsed;

        // The same without the writes (read and compute), and then the read alone, to show where the night goes.
        clock.Restart();
        await snapshots.CalculateAsync(bench.Shop.Id, bench.AsOf, cancellationToken);
        var calculate = clock.Elapsed;

        clock.Restart();
        IReadOnlyList<NormalizedOrder>? read = await orders.ReadShopAsync(bench.Shop.Id, cancellationToken);
        var readAlone = clock.Elapsed;
        if (read.Count != bench.Orders.Length)
            throw new InvalidOperationException($"stored {bench.Orders.Length} orders but read back {read.Count}");
        return new Result(bench.Orders.Length, load, night, calculate, readAlone);
    }
}
