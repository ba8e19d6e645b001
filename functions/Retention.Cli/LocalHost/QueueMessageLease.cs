using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Retention.Cli.LocalHost;

/// <summary>
/// The lease on a received message while its handler runs, kept as the Functions host keeps it: the message is made
/// invisible for another lease every half lease. Each renewal gives a new pop receipt, and only the newest one
/// deletes or releases the message, so the listener asks <see cref="PopReceipt"/> once the lease has ended. A process
/// that dies stops renewing: its messages come back one lease later, however long the lease is.
/// </summary>
internal sealed partial class QueueMessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _lease;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _end = new();
    private readonly Task _renewing;
    private string _popReceipt;

    private QueueMessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger, CancellationToken stoppingToken)
    {
        (_queue, _messageId, _popReceipt, _lease, _logger) = (queue, message.MessageId, message.PopReceipt, lease, logger);
        _renewing = RenewAsync(stoppingToken);
    }

    /// <summary>Starts renewing a message just received with <paramref name="lease"/> as its visibility timeout.</summary>
    public static QueueMessageLease Hold(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger, CancellationToken stoppingToken) =>
        new(queue, message, lease, logger, stoppingToken);

    /// <summary>The receipt of the last renewal; read it after <see cref="DisposeAsync"/>, when no renewal can replace it.</summary>
    public string PopReceipt => Volatile.Read(ref _popReceipt);

    private async Task RenewAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_lease / 2, _end.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                // Not cancelled by the lease's end: a renewal cut off after the queue made it would leave a receipt no one knows.
                var renewed = await _queue.UpdateMessageAsync(_messageId, PopReceipt, visibilityTimeout: _lease, cancellationToken: stoppingToken);
                Volatile.Write(ref _popReceipt, renewed.Value.PopReceipt);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status is 400 or 404)
            {
                // Deleted, or its lease ran out and another consumer holds it now: nothing left to renew.
                LogLeaseLost(_logger, _messageId, _queue.Name, e.ErrorCode);
                return;
            }
            catch (Exception e)
            {
                // Storage out for a moment: the lease still runs, and the next renewal may land before it ends.
                LogLeaseNotRenewed(_logger, _messageId, _queue.Name, e.Message.Split('\n')[0]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _end.CancelAsync();
        await _renewing;
        _end.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Id} on {Queue} lost its lease ({Error}); another consumer may run it too")]
    private static partial void LogLeaseLost(ILogger logger, string id, string queue, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Id} on {Queue}: the lease could not be renewed ({Error})")]
    private static partial void LogLeaseNotRenewed(ILogger logger, string id, string queue, string error);
}
