using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>What the storage account does with plain table batches: the ceiling an import is measured against.</summary>
public sealed record TableBatchRate(int Entities, TimeSpan Elapsed)
{
    public double PerSecond => Entities / Math.Max(Elapsed.TotalSeconds, 0.001);
}

/// <summary>
/// Writes entities shaped like order rows (16 partitions, the same columns and sizes) as batches of 100, as
/// many in flight as an import uses, into a scratch table that is deleted afterwards: no normalizing, no
/// checkpoint, no file. The gap to the import's rate is what those cost. Only <c>retention bench import</c> uses it, so it
/// lives with the benchmarks rather than in the deployed app.
/// </summary>
public sealed class TableBatchBenchmark(RetentionStorage storage)
{
    public async Task<TableBatchRate> MeasureAsync(int entities, int concurrency, CancellationToken cancellationToken)
    {
        var name = "benchbatch" + Guid.NewGuid().ToString("N")[..12];
        await storage.Tables.CreateTableIfNotExistsAsync(name, cancellationToken);
        var table = storage.Table(name);
        try
        {
            var batches = Enumerable.Range(0, entities)
                .Select(Entity)
                .GroupBy(e => e.PartitionKey)
                .SelectMany(partition => partition.Chunk(OrderTable.MaxBatchSize).Select((batch, n) => (n, batch)))
                .OrderBy(numbered => numbered.n)
                .Select(numbered => numbered.batch)
                .ToList();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(batches,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
                async (batch, ct) => await table.SubmitTransactionAsync(
                    batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct));
            return new TableBatchRate(entities, clock.Elapsed);
        }
        finally
        {
            await storage.Tables.DeleteTableAsync(name, CancellationToken.None);
        }
    }

    private static TableEntity Entity(int i)
    {
        var c = CultureInfo.InvariantCulture;
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 7 % 1_000_000);
        return new TableEntity($"bench:{i % OrderTable.Buckets:D2}", (100_000 + i).ToString(c))
        {
            ["OrderId"] = (100_000 + i).ToString(c),
            ["CustomerKey"] = "c:cust-" + (i / 3).ToString("D7", c),
            ["OrderedAt"] = at,
            ["UpdatedAt"] = at,
            ["Currency"] = "EUR",
            ["Total"] = (5 + i % 20_000 / 100m).ToString(c),
            ["Status"] = "paid",
            ["CancelledAt"] = null,
            ["Refunds"] = "[]",
            ["IsTest"] = false,
            ["Platform"] = "generic",
            ["SourceEventId"] = $"import/{new string('0', 64)}.csv#L{i + 2}",
            ["Fingerprint"] = i.ToString("x64", c),
        };
    }
}
