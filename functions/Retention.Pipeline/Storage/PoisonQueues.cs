using Azure.Storage.Queues.Models;

namespace Retention.Pipeline.Storage;

/// <summary>A message parked in <c>{queue}-poison</c>: its id, when it was parked, and the original text.</summary>
public sealed record PoisonMessage(string Queue, string MessageId, DateTimeOffset? ParkedAt, string Text);

/// <summary>
/// The on-call engineer's view of the poison queues: what is parked there, and putting it back on its queue once the
/// cause is fixed. A replay sends the original text to the queue first and deletes the parked copy after, so a crash in
/// between replays a message twice — harmless, since every message's effect is idempotent — and never loses one.
/// </summary>
public sealed class PoisonQueues(RetentionStorage storage)
{
    /// <summary>The most messages one peek returns (a service limit).</summary>
    public const int PeekLimit = 32;

    /// <summary>How long a message being replayed is hidden from another replay.</summary>
    private static readonly TimeSpan ReplayLease = TimeSpan.FromMinutes(1);

    public static string PoisonName(string queue) => queue + StorageNames.PoisonSuffix;

    /// <exception cref="ArgumentException">not one of the pipeline's queues.</exception>
    public static void CheckQueue(string queue)
    {
        if (!StorageNames.Queues.Contains(queue))
            throw new ArgumentException($"'{queue}' is not a queue of the pipeline; the queues are {string.Join(", ", StorageNames.Queues)}");
    }

    /// <summary>The approximate count parked, and the first <see cref="PeekLimit"/> messages (without hiding them).</summary>
    public async Task<(int Count, IReadOnlyList<PoisonMessage> First)> PeekAsync(string queue, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        var poison = storage.Queue(PoisonName(queue));
        var properties = await poison.GetPropertiesAsync(cancellationToken);
        PeekedMessage[] peeked = await poison.PeekMessagesAsync(PeekLimit, cancellationToken);
        return (properties.Value.ApproximateMessagesCount,
            [.. peeked.Select(m => new PoisonMessage(queue, m.MessageId, m.InsertedOn, m.Body.ToString()))]);
    }

    /// <summary>Moves parked messages back to their queue: all of them, or the one with <paramref name="messageId"/>.</summary>
    /// <returns>the messages put back.</returns>
    public async Task<IReadOnlyList<PoisonMessage>> ReplayAsync(string queue, string? messageId, CancellationToken cancellationToken)
    {
        CheckQueue(queue);
        var poison = storage.Queue(PoisonName(queue));
        var target = storage.Queue(queue);
        var replayed = new List<PoisonMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            QueueMessage[] batch = await poison.ReceiveMessagesAsync(PeekLimit, ReplayLease, cancellationToken);
            // A message seen again is one this replay hid and skipped (another id asked for): the round is over.
            var fresh = batch.Where(m => seen.Add(m.MessageId)).ToList();
            if (fresh.Count == 0) break;
            foreach (var message in fresh)
            {
                if (messageId is not null && message.MessageId != messageId)
                {
                    // Not the one asked for: make it visible again at once.
                    await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
                    continue;
                }
                await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                replayed.Add(new PoisonMessage(queue, message.MessageId, message.InsertedOn, message.Body.ToString()));
            }
            if (messageId is not null && replayed.Count > 0) break;
        }
        return replayed;
    }
}
