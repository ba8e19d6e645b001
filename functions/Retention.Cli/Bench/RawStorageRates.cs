using System.Diagnostics;
using Azure.Data.Tables;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>
/// The storage's own speed in the same run as a scenario: single blob puts, queue puts and table upserts at the same
/// concurrency, into a scratch container, queue and table that are deleted after, so the pipeline's overhead is a ratio.
/// An acknowledgement costs one blob put and one queue put, so those two rates bound what the webhook routes can answer.
/// </summary>
public static class RawStorageRates
{
    public sealed record Rates(int Operations, double BlobPutsPerSecond, double QueuePutsPerSecond, double TableUpsertsPerSecond)
    {
        /// <summary>
        /// Little's law: acknowledgements, each needing a blob put and a queue put, cannot outpace the slower of the two
        /// rates, so with <paramref name="concurrency"/> requests in flight the mean acknowledgement takes at least this,
        /// however fast the code around the two calls is (and more when the two services share the same cores).
        /// </summary>
        public TimeSpan AcknowledgementFloor(int concurrency) =>
            TimeSpan.FromSeconds(concurrency / Math.Min(BlobPutsPerSecond, QueuePutsPerSecond));
    }

    public static async Task<Rates> MeasureAsync(RetentionStorage storage, int operations, int concurrency, CancellationToken cancellationToken)
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
            await Parallel.ForEachAsync(Enumerable.Range(0, operations), options, async (i, ct) =>
                await table.UpsertEntityAsync(new TableEntity($"p{i % 16:D2}", $"r{i:D8}")
                {
                    ["CustomerKey"] = "c:0123456789abcdef0123456789abcdef", ["Total"] = "123.45", ["OrderedAt"] = DateTimeOffset.UtcNow,
                }, TableUpdateMode.Replace, ct));
            return new Rates(operations, blobRate, queueRate, operations / Math.Max(clock.Elapsed.TotalSeconds, 0.001));
        }
        finally
        {
            await queue.DeleteIfExistsAsync(CancellationToken.None);
            await container.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            await table.DeleteAsync(CancellationToken.None);
        }
    }
}
