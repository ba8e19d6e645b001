using System.Diagnostics;
using Retention.Core.Orders;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>
/// Two nights end to end from storage. The bench shop's history up to the day before the as-of day is written as
/// table batches (what the history import does, without the file, and with its bulk change-log entry); the first
/// night (<see cref="SnapshotService.ComputeAsync"/> for the day before) has no ledger yet and reads every order.
/// Then the as-of day's changes arrive as single upserts, as the webhooks' queue processor writes them, and the
/// second night folds only those into the saved ledger. Last, for comparison, the read of every order alone.
/// </summary>
public sealed class NightlyStorageBenchmark(OrderTable orders, SnapshotService snapshots)
{
    public sealed record Result(int Orders, int DayChanges, TimeSpan Load, TimeSpan FirstNight, TimeSpan DayStored, TimeSpan NextNight,
        TimeSpan ReadAlone)
    {
        public double LoadRate => Orders / Math.Max(Load.TotalSeconds, 0.001);
    }

    public async Task<Result> MeasureAsync(NightlyBenchShop bench, int concurrency, CancellationToken cancellationToken)
    {
        var calendar = bench.Shop.Calendar();
        var day = bench.Orders.Where(o => NightlyComputeBenchmark.ChangedOn(o, calendar, bench.AsOf)).ToList();
        var history = bench.Orders.Where(o => calendar.LocalDate(o.OrderedAt) != bench.AsOf).ToList();
        var batches = history
            .GroupBy(o => OrderTable.PartitionKey(bench.Shop.Id, o.OrderId))
            .SelectMany(partition => partition.Chunk(OrderTable.MaxBatchSize))
            .ToList();
        var clock = Stopwatch.StartNew();
        await orders.Changes.RecordBulkAsync(bench.Shop.Id, cancellationToken);
        await Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (batch, ct) => await orders.UpsertBatchAsync(batch, 1, ct));
        await orders.Changes.RecordBulkAsync(bench.Shop.Id, cancellationToken);
        var load = clock.Elapsed;
        // Past the one-second allowance between the storage services' clocks and the Date header's one-second
        // resolution, so the first night's full read counts as having taken the bulk write in, as it would for an
        // import finished hours before the night.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

        clock.Restart();
        await snapshots.ComputeAsync(bench.Shop.Id, bench.AsOf.AddDays(-1), cancellationToken);
        var firstNight = clock.Elapsed;

        clock.Restart();
        await Parallel.ForEachAsync(day,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (order, ct) => await orders.UpsertAsync(order, ct));
        var dayStored = clock.Elapsed;

        clock.Restart();
        await snapshots.ComputeAsync(bench.Shop.Id, bench.AsOf, cancellationToken);
        var nextNight = clock.Elapsed;

        clock.Restart();
        IReadOnlyList<NormalizedOrder>? read = await orders.ReadShopAsync(bench.Shop.Id, cancellationToken);
        var readAlone = clock.Elapsed;
        if (read.Count != bench.Orders.Length)
            throw new InvalidOperationException($"stored {bench.Orders.Length} orders but read back {read.Count}");
        return new Result(bench.Orders.Length, day.Count, load, firstNight, dayStored, nextNight, readAlone);
    }
}
