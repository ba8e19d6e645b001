using System.Diagnostics;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>
/// The storage's own speed in the same run as a scenario: single queue puts and single table upserts at the same
/// concurrency, into a scratch queue and table that are deleted after, so the pipeline's overhead is a ratio.
/// </summary>
public static class RawStorageRates
{
    public sealed record Rates(int Operations, double QueuePutsPerSecond, double TableUpsertsPerSecond);

    public static async Task<Rates> MeasureAsync(RetentionStorage storage, int operations, int concurrency, CancellationToken cancellationToken)
    {
        var suffix = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var queue = storage.Queue("bench-raw-" + suffix);
        var table = storage.Table("benchraw" + suffix);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
            // About the size of a claim-check pointer and of an order row.
            var message = new string('x', 180);
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, operations), options, async (_, ct) => await queue.SendMessageAsync(message, ct));
            var queueRate = operations / Math.Max(clock.Elapsed.TotalSeconds, 0.001);

            clock.Restart();
            await Parallel.ForEachAsync(Enumerable.Range(0, operations), options, async (i, ct) =>
                await table.UpsertEntityAsync(new TableEntity($"p{i % 16:D2}", $"r{i:D8}")
                {
                    ["CustomerKey"] = "c:0123456789abcdef0123456789abcdef", ["Total"] = "123.45", ["OrderedAt"] = DateTimeOffset.UtcNow,
                }, TableUpdateMode.Replace, ct));
            return new Rates(operations, queueRate, operations / Math.Max(clock.Elapsed.TotalSeconds, 0.001));
        }
        finally
        {
            await queue.DeleteIfExistsAsync(CancellationToken.None);
            await table.DeleteAsync(CancellationToken.None);
        }
    }
}
