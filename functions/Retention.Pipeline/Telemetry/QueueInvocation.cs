using Microsoft.Extensions.Logging;

namespace Retention.Pipeline.Telemetry;

/// <summary>How the host delivered a queue message: its id, how often it has been dequeued, and when it was queued.</summary>
/// <param name="MaxDequeueCount">host.json's <c>maxDequeueCount</c>: a failure on this dequeue sends the message to <c>-poison</c>.</param>
public sealed record QueueDelivery(string? MessageId, long DequeueCount, DateTimeOffset? InsertedOn, int MaxDequeueCount)
{
    public bool IsLastAttempt => DequeueCount >= MaxDequeueCount;
}

/// <summary>
/// One queue-triggered invocation as both hosts run it: the span that continues the sender's trace, the lag and outcome
/// metrics, and a log scope naming the shop, queue and message, around the service that does the work. The Functions app's
/// queue functions and the local host's <c>QueueTriggerListener</c> both go through it, so their telemetry is the same.
/// </summary>
public sealed class QueueInvocation(RetentionTracing tracing, RetentionMetrics metrics, TimeProvider clock, ILogger<QueueInvocation> logger)
{
    public async Task RunAsync(string queue, string messageText, QueueDelivery delivery, Func<string, CancellationToken, Task> handle,
        CancellationToken cancellationToken)
    {
        var message = QueueMessageEnvelope.Read(messageText);
        if (delivery.InsertedOn is { } inserted) metrics.MessageStarted(queue, message.Shop, clock.GetUtcNow() - inserted);
        using var span = tracing.StartProcessing(queue, message, delivery.DequeueCount);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Shop"] = message.Shop,
            ["Queue"] = queue,
            ["MessageId"] = delivery.MessageId,
            ["DequeueCount"] = delivery.DequeueCount,
        });
        try
        {
            await handle(messageText, cancellationToken);
            metrics.MessageHandled(queue, message.Shop);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            span.Failed(e);
            metrics.MessageFailed(queue, message.Shop);
            if (delivery.IsLastAttempt) metrics.MessagePoisoned(queue, message.Shop);
            throw;
        }
    }

    /// <summary>A message the host parks without running it (dequeued more often than allowed, as after crashes mid-run).</summary>
    public void Parked(string queue, string messageText) => metrics.MessagePoisoned(queue, QueueMessageEnvelope.Read(messageText).Shop);
}
