using Retention.Pipeline.Storage;
using Retention.Pipeline.Ingest;

namespace Retention.Pipeline.Processing;

/// <summary>
/// The <c>order-events</c> queue trigger's work: a group commit's message goes to <see cref="IntakeBatchStore"/>,
/// a single event's (one put back alone, a replayed poison message, one queued before batches existed) to
/// <see cref="SingleEventStore"/>. Tried again while storage is unreachable, so an outage delays the message instead
/// of using up its dequeues; any other failure goes to the host at once.
/// </summary>
public sealed class OrderEventsDispatch(IntakeBatchStore batches, SingleEventStore singleEvents, StorageOutagePatience patience)
{
    private long _eventsProcessed;

    /// <summary>Events this instance has processed to the end (a batch's, less those it put back on the queue alone).</summary>
    public long EventsProcessed => Interlocked.Read(ref _eventsProcessed);

    public Task HandleAsync(string messageText, CancellationToken cancellationToken) =>
        IntakeBatchMessage.Describes(messageText)
            ? patience.RunAsync("processing an intake batch", async ct =>
            {
                var outcome = await batches.ProcessAsync(QueueMessages.Parse<IntakeBatchMessage>(messageText), ct);
                Interlocked.Add(ref _eventsProcessed, outcome.Events - outcome.QueuedAlone);
            }, cancellationToken)
            : patience.RunAsync("processing an order event", async ct =>
            {
                await singleEvents.ProcessAsync(messageText, ct);
                Interlocked.Increment(ref _eventsProcessed);
            }, cancellationToken);
}
