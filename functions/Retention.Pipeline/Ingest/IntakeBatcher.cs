using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;
using System.Diagnostics;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// The group commit behind every 202: the deliveries of one shop that arrive while an earlier write is under way are
/// written together, as one intake blob and one <see cref="IntakeBatchMessage"/>, and each is acknowledged only once
/// both are stored. Under a burst, a hundred deliveries then cost two storage requests instead of two hundred; alone,
/// a delivery waits for nothing but its own two writes.
/// </summary>
/// <remarks>
/// There is no timer: a shop has at most <see cref="FlushesInFlight"/> write under way, and whatever arrives meanwhile
/// is the next batch. The promise of a 202 is unchanged (the body and a message naming it are stored), so is a 503 for
/// everything of a batch whose blob or message failed. A redelivery is batched like any delivery, even twice in one
/// batch: processing is idempotent.
/// </remarks>
public sealed partial class IntakeBatcher(
    RetentionStorage storage,
    ShopActivityTable activity,
    TimeProvider clock,
    RetentionTracing tracing,
    RetentionMetrics metrics,
    ILogger<IntakeBatcher> logger)
{
    /// <summary>Keeps a batch's blob index (<see cref="IntakeBatchFile.Index"/>) far below the 8 KB of metadata a blob may have.</summary>
    public const int MaxEvents = 100;

    /// <summary>Keeps one intake blob a single upload request.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Writes of one shop under way at once. One, measured against two (<c>retention bench load</c>, 30,000 webhooks at 64 in
    /// flight): batches of 29 instead of 17 deliveries, acknowledgements 36 instead of 50 ms at the median, end to end 979
    /// instead of 694–770 orders a second; fewer, larger writes cost the shared cores less than a second write in flight saves.
    /// </summary>
    public const int FlushesInFlight = 1;

    private readonly ConcurrentDictionary<string, ShopIntake> _shops = new(StringComparer.Ordinal);

    /// <returns>once the delivery is stored and queued.</returns>
    /// <exception cref="Exception">the storage failure that kept the delivery's batch from being stored (nothing of it was acknowledged).</exception>
    public Task AcceptAsync(string shopId, IntakeEvent delivery, CancellationToken cancellationToken) =>
        _shops.GetOrAdd(shopId, id => new ShopIntake(id, this)).AddAsync(delivery, cancellationToken);

    private async Task FlushAsync(string shopId, IReadOnlyList<Pending> batch)
    {
        var events = batch.Select(p => p.Delivery).ToList();
        // Not under whichever delivery started this writer's loop: each batch is a span of its own, under its first delivery.
        Activity.Current = null;
        using var span = tracing.StartIntakeBatchWrite(shopId, [.. batch.Select(p => p.Trace)]);
        var at = clock.GetUtcNow();
        var blobName = IntakeBatchFile.BlobName(shopId, at, Guid.NewGuid());
        var recorded = Task.CompletedTask;
        try
        {
            await storage.RawEvents.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(IntakeBatchFile.Write(events)), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = IntakeBatchFile.Index(events),
            }, CancellationToken.None);
            // The deliveries arrived: the shop's last delivery per platform is written beside the message, so no one waits for it.
            recorded = activity.RecordAsync(shopId, events.Select(e => (e.Kind, e.ReceivedAt)), CancellationToken.None);
            try
            {
                await QueueMessages.SendAsync(storage.Queue(StorageNames.OrderEventsQueue),
                    new IntakeBatchMessage(shopId, blobName, events.Count, at), CancellationToken.None);
            }
            catch
            {
                await ForgetAsync(blobName);
                throw;
            }
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message.Split('\n')[0]);
            foreach (var pending in batch) pending.Done.TrySetException(e);
            await recorded;
            return;
        }
        metrics.IntakeBatchWritten(shopId, batch.Count);
        foreach (var pending in batch) pending.Done.TrySetResult();
        await recorded;
    }

    /// <summary>A batch whose message failed is answered 503 and sent again by its platform: its blob would only be litter.</summary>
    private async Task ForgetAsync(string blobName)
    {
        try
        {
            await storage.RawEvents.DeleteBlobIfExistsAsync(blobName);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e))
        {
            LogBatchNotForgotten(logger, blobName, e.Message.Split('\n')[0]);
        }
    }

    /// <param name="Trace">the span the delivery arrived under (its request's), which the batch's write continues or links to.</param>
    private sealed record Pending(IntakeEvent Delivery, TaskCompletionSource Done, ActivityContext Trace)
    {
        public int Bytes => Delivery.Body.Length + 256;
    }

    /// <summary>One shop's waiting deliveries and the writes under way for it.</summary>
    private sealed class ShopIntake(string shopId, IntakeBatcher owner)
    {
        private readonly Lock _gate = new();
        private readonly List<Pending> _waiting = [];
        private int _flushing;

        public Task AddAsync(IntakeEvent delivery, CancellationToken cancellationToken)
        {
            var pending = new Pending(delivery, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
                Activity.Current?.Context ?? default);
            bool start;
            lock (_gate)
            {
                _waiting.Add(pending);
                start = _flushing < FlushesInFlight;
                if (start) _flushing++;
            }
            if (start) _ = Task.Run(FlushWhileWaitingAsync, CancellationToken.None);
            return pending.Done.Task.WaitAsync(cancellationToken);
        }

        private async Task FlushWhileWaitingAsync()
        {
            while (true)
            {
                List<Pending> batch;
                lock (_gate)
                {
                    if (_waiting.Count == 0)
                    {
                        _flushing--;
                        return;
                    }
                    batch = TakeBatch();
                }
                try
                {
                    await owner.FlushAsync(shopId, batch);
                }
                catch (Exception e)
                {
                    // FlushAsync answers every waiter itself; this is only a guard so that no waiter is ever left hanging.
                    foreach (var pending in batch) pending.Done.TrySetException(e);
                }
            }
        }

        private List<Pending> TakeBatch()
        {
            var (count, bytes) = (0, 0);
            while (count < _waiting.Count && count < MaxEvents && (count == 0 || bytes + _waiting[count].Bytes <= MaxBytes))
                bytes += _waiting[count++].Bytes;
            var batch = _waiting.GetRange(0, count);
            _waiting.RemoveRange(0, count);
            return batch;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake batch {Blob} was not queued and could not be deleted ({Error}); erasures still find its events")]
    private static partial void LogBatchNotForgotten(ILogger logger, string blob, string error);
}
