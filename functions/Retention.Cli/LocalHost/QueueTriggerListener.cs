using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;

namespace Retention.Cli.LocalHost;

/// <summary>
/// A queue listener with the Azure Functions queue-trigger semantics: receive up to batchSize messages, fetch
/// more once in-flight work drops to newBatchThreshold, hold each message's lease while its handler runs (renewed
/// every half lease, see <see cref="QueueMessageLease"/>), delete on success, make a failed message visible again
/// after visibilityTimeout, and after maxDequeueCount failed attempts move it to <c>{queue}-poison</c> (with the
/// reason logged) so it never blocks the rest. Empty polls back off up to maxPollingInterval.
/// </summary>
public sealed partial class QueueTriggerListener(
    string queueName,
    Func<string, CancellationToken, Task> handler,
    RetentionStorage storage,
    QueueTriggerOptions options,
    ILogger logger,
    QueueInvocation? invocation = null) : BackgroundService
{
    private int _inFlight;
    private long _completed;
    private long _poisoned;

    public string QueueName => queueName;
    public int InFlight => Volatile.Read(ref _inFlight);
    public long Completed => Interlocked.Read(ref _completed);
    public long Poisoned => Interlocked.Read(ref _poisoned);

    /// <summary>True when the queue holds no message (visible or not) and no handler is running.</summary>
    public async Task<bool> IsDrainedAsync(CancellationToken cancellationToken)
    {
        if (InFlight > 0) return false;
        var properties = await storage.Queue(queueName).GetPropertiesAsync(cancellationToken);
        return properties.Value.ApproximateMessagesCount == 0 && InFlight == 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = storage.Queue(queueName);
        var running = new HashSet<Task>();
        var idleDelay = QueueTriggerOptions.MinPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveWhere(t => t.IsCompleted);
            if (running.Count > options.NewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }

            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(options.BatchSize, options.Lease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // An outage, or a queue deleted under us: keep polling, as the Functions host does, rather than stop the host.
                LogQueueUnreadable(logger, queueName, e.Message.Split('\n')[0], options.MaxPollingInterval);
                await Delay(options.MaxPollingInterval, stoppingToken);
                continue;
            }

            if (batch.Length == 0)
            {
                await Delay(idleDelay, stoppingToken);
                idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.MaxPollingInterval.Ticks));
                continue;
            }
            idleDelay = QueueTriggerOptions.MinPollingInterval;
            foreach (var message in batch)
            {
                Interlocked.Increment(ref _inFlight);
                running.Add(Task.Run(() => HandleAsync(queue, message, stoppingToken), CancellationToken.None));
            }
        }
        await Task.WhenAll(running);
    }

    private async Task HandleAsync(QueueClient queue, QueueMessage message, CancellationToken stoppingToken)
    {
        var popReceipt = message.PopReceipt;
        try
        {
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, message, popReceipt, "dequeued more often than maxDequeueCount", stoppingToken);
                invocation?.Parked(queueName, message.MessageText);
                return;
            }
            Exception? failure = null;
            var lease = QueueMessageLease.Hold(queue, message, options.Lease, logger, stoppingToken);
            try
            {
                if (invocation is null) await handler(message.MessageText, stoppingToken);
                else await invocation.RunAsync(queueName, message.MessageText,
                    new QueueDelivery(message.MessageId, message.DequeueCount, message.InsertedOn, options.MaxDequeueCount), handler, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failure = e;
            }
            finally
            {
                // Read once renewing has stopped: no later renewal can change the receipt under the delete.
                await lease.DisposeAsync();
                popReceipt = lease.PopReceipt;
            }
            if (failure is not null)
            {
                if (message.DequeueCount >= options.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(queue, message, popReceipt, failure.Message, stoppingToken);
                }
                else
                {
                    LogMessageFailed(logger, message.MessageId, queueName, message.DequeueCount, options.MaxDequeueCount, failure.Message);
                    await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: options.VisibilityTimeout,
                        cancellationToken: stoppingToken);
                }
                return;
            }
            await queue.DeleteMessageAsync(message.MessageId, popReceipt, stoppingToken);
            Interlocked.Increment(ref _completed);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Already deleted by an earlier delivery of the same message: the work is done either way.
            Interlocked.Increment(ref _completed);
        }
        catch (Exception e) when (stoppingToken.IsCancellationRequested || StorageFailure.IsUnavailable(e, stoppingToken) || e is Azure.RequestFailedException)
        {
            // The message was not deleted, so it becomes visible again when its lease ends: at-least-once, never lost.
            LogLeftForRedelivery(logger, message.MessageId, queueName, e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueMessage message, string popReceipt, string reason, CancellationToken cancellationToken)
    {
        LogMovedToPoison(logger, message.MessageId, queueName, message.DequeueCount, queueName + StorageNames.PoisonSuffix, reason);
        await storage.Queue(queueName + StorageNames.PoisonSuffix).SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken);
        Interlocked.Increment(ref _poisoned);
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} cannot be read ({Error}); polling again in {Delay}")]
    private static partial void LogQueueUnreadable(ILogger logger, string queue, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Id} on {Queue} failed (attempt {Attempt} of {Max}): {Error}")]
    private static partial void LogMessageFailed(ILogger logger, string id, string queue, long attempt, int max, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Id} on {Queue} left for redelivery: {Error}")]
    private static partial void LogLeftForRedelivery(ILogger logger, string id, string queue, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {Id} on {Queue} failed {Count} times and moves to {Poison}: {Reason}")]
    private static partial void LogMovedToPoison(ILogger logger, string id, string queue, long count, string poison, string reason);
}
