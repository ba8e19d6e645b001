using System.Diagnostics;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>
/// The storage's own speed in the same run as a scenario: single blob puts, queue puts and table upserts at the same
/// concurrency, into a scratch container, queue and table that are deleted after, so the pipeline's overhead is a ratio.
/// Also the latency of the two writes behind every acknowledgement (a batch's blob put, then its queue put), one pair at a
/// time on an idle store: no acknowledgement can come sooner than its batch's pair.
/// </summary>
public static class RawStorageRates
{
    /// <param name="WritePairMs">latencies of a blob put followed by a queue put, one pair at a time, sorted.</param>
    /// <param name="FirstTableUpsertsPerSecond">the rate of the first <paramref name="Operations"/> upserts alone, into a table still small.</param>
    public sealed record Rates(int Operations, double BlobPutsPerSecond, double QueuePutsPerSecond, double TableUpsertsPerSecond,
        double FirstTableUpsertsPerSecond, IReadOnlyList<double> WritePairMs)
    {
        public double WritePairPercentile(double p) =>
            WritePairMs.Count == 0 ? 0 : WritePairMs[Math.Min(WritePairMs.Count - 1, (int)Math.Ceiling(p * WritePairMs.Count) - 1)];
    }

    private const int WritePairs = 300;

    /// <param name="operations">blob puts and queue puts.</param>
    /// <param name="upserts">table upserts, over 16 partitions as the orders table spreads a shop.</param>
    public static async Task<Rates> MeasureAsync(RetentionStorage storage, int operations, int upserts, int concurrency, CancellationToken cancellationToken)
    {
        var suffix = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var queue = storage.Queue("bench-raw-" + suffix);
        var table = storage.Table("benchraw" + suffix);
        var container = storage.Blobs.GetBlobContainerClient("bench-raw-" + suffix);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
            // About the size of a claim-check pointer and of an order row.
            var message = new string('x', 180);
            var body = BinaryData.FromBytes(new byte[1024]);
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, operations), options, async (i, ct) =>
                await container.GetBlobClient($"shop/generic/{i:D8}").UploadAsync(body, overwrite: true, ct));
            var blobRate = operations / Math.Max(clock.Elapsed.TotalSeconds, 0.001);

            clock.Restart();
            await Parallel.ForEachAsync(Enumerable.Range(0, operations), options, async (_, ct) => await queue.SendMessageAsync(message, ct));
            var queueRate = operations / Math.Max(clock.Elapsed.TotalSeconds, 0.001);

            clock.Restart();
            var (done, first) = (0, TimeSpan.Zero);
            await Parallel.ForEachAsync(Enumerable.Range(0, upserts), options, async (i, ct) =>
            {
                await table.UpsertEntityAsync(new TableEntity($"p{i % 16:D2}", $"r{i:D8}")
                {
                    ["CustomerKey"] = "c:0123456789abcdef0123456789abcdef", ["Total"] = "123.45", ["OrderedAt"] = DateTimeOffset.UtcNow,
                }, TableUpdateMode.Replace, ct);
                if (Interlocked.Increment(ref done) == Math.Min(operations, upserts)) first = clock.Elapsed;
            });
            var tableRate = upserts / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var firstTableRate = Math.Min(operations, upserts) / Math.Max(first.TotalSeconds, 0.001);

            // A batch of 64 generic orders is about 30 KB.
            var batch = BinaryData.FromBytes(new byte[30 * 1024]);
            var pairs = new List<double>(WritePairs);
            for (var i = 0; i < WritePairs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await container.GetBlobClient($"shop/intake/{i:D8}").UploadAsync(batch, overwrite: true, cancellationToken);
                await queue.SendMessageAsync(message, cancellationToken);
                pairs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            pairs.Sort();
            return new Rates(operations, blobRate, queueRate, tableRate, firstTableRate, pairs);
        }
        finally
        {
            // Best effort: the emulator can take longer than a request's timeout to drop a scratch table of 100,000 rows
            // or a queue of thousands of messages, and the figures are measured by then.
            foreach (var (what, delete) in new (string, Func<Task>)[]
                     {
                         ($"queue {queue.Name}", () => queue.DeleteIfExistsAsync(CancellationToken.None)),
                         ($"container {container.Name}", () => container.DeleteIfExistsAsync(cancellationToken: CancellationToken.None)),
                         ($"table {table.Name}", () => table.DeleteAsync(CancellationToken.None)),
                     })
            {
                try
                {
                    await delete();
                }
                catch (Exception e) when (StorageFailure.IsUnavailable(e, CancellationToken.None))
                {
                    Console.Error.WriteLine($"bench: the scratch {what} was not removed ({e.Message.Split('\n')[0]}); delete it by hand if the storage is kept");
                }
            }
        }
    }
}
