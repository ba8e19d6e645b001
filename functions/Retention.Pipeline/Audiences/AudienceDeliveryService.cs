using System.Globalization;
using Microsoft.Extensions.Logging;
using Retention.Core.Audiences;
using Retention.Core.Audiences.Delivery;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;

namespace Retention.Pipeline.Audiences;

/// <summary>
/// Delivers each night's audience changes to the shop's subscriptions through an outbox (<c>docs/audiences.md</c>,
/// "Delivery"): the night adds one row per webhook to <see cref="AudienceDeliveryTable"/> and a message per row to the
/// <c>audience-deliveries</c> queue; the queue-triggered sender posts it. 2xx ends it; 5xx, 408, 429 or no answer tries
/// again after a back-off (<see cref="AudienceDeliveryRetry"/>, a new message made visible later) for at least 26 hours;
/// 410 cancels the subscription; another 4xx, or retries exhausted, leaves it in the dead letters for
/// <c>deliveries replay</c>. Every attempt carries the same <c>webhook-id</c>.
/// </summary>
public sealed partial class AudienceDeliveryService(
    AudienceSubscriptionTable subscriptions,
    AudienceDeliveryTable outbox,
    ShopCredentialStore credentials,
    AudienceWebhookSender sender,
    RetentionStorage storage,
    AudienceDeliveryRetry retry,
    TimeProvider clock,
    RetentionMetrics metrics,
    ILogger<AudienceDeliveryService> logger)
{
    /// <summary>Puts the night's changes in the outbox for every active subscription of the shop.</summary>
    /// <returns>the deliveries added (a night run again adds none: its rows are there).</returns>
    public async Task<int> EnqueueNightAsync(string shopId, AudienceNight night, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var subscription in await subscriptions.ReadAsync(shopId, cancellationToken))
        {
            if (!subscription.Active) continue;
            foreach (var delivery in AudienceWebhookBatches.For(subscription, night))
            {
                if (await outbox.AddAsync(delivery, clock.GetUtcNow(), cancellationToken)) added++;
                // A row already there and never tried may have lost its message to a crash between the two writes: send
                // it again. The sender skips a row that is no longer pending, so a repeat costs a read.
                else if (await outbox.FindAsync(shopId, delivery.Id, cancellationToken) is not ({ Status: AudienceDeliveryStatus.Pending, Attempts: 0 }, _))
                    continue;
                await QueueAsync(shopId, delivery.Id, null, cancellationToken);
            }
        }
        return added;
    }

    public Task HandleAsync(string messageText, CancellationToken cancellationToken)
    {
        var message = QueueMessages.Parse<AudienceDeliveryMessage>(messageText);
        return SendAsync(message.Shop, message.Delivery, cancellationToken);
    }

    /// <summary>One attempt at one delivery, and what it ends in.</summary>
    public async Task SendAsync(string shopId, string deliveryId, CancellationToken cancellationToken)
    {
        if (await outbox.FindAsync(shopId, deliveryId, cancellationToken) is not var (record, etag) || record.Status != AudienceDeliveryStatus.Pending)
            return;
        var subscription = await subscriptions.FindAsync(shopId, record.Delivery.SubscriptionId, cancellationToken);
        if (subscription is not { Active: true })
        {
            await outbox.UpdateAsync(record with { Status = AudienceDeliveryStatus.Cancelled, LastResult = "the subscription is cancelled" }, etag,
                cancellationToken);
            return;
        }
        var now = clock.GetUtcNow();
        if (credentials.Find(shopId) is not { } secrets)
        {
            await outbox.UpdateAsync(record with { Status = AudienceDeliveryStatus.Dead, LastResult = "the shop has no webhook secret to sign with" }, etag,
                cancellationToken);
            return;
        }
        var secret = AudienceSubscriptionSecret.Derive(secrets.WebhookSecret, subscription.Id);
        var (status, result) = await sender.SendAsync(subscription.Url, secret, record.Delivery, cancellationToken);
        var attempted = record with { Attempts = record.Attempts + 1, FirstAttemptAt = record.FirstAttemptAt ?? now, LastAttemptAt = now, LastResult = result };
        switch (AudienceDeliveryOutcomes.Of(status))
        {
            case AudienceDeliveryOutcome.Delivered:
                await outbox.UpdateAsync(attempted with { Status = AudienceDeliveryStatus.Delivered }, etag, cancellationToken);
                LogDelivered(logger, shopId, deliveryId, record.Delivery.Audience, attempted.Attempts);
                metrics.AudienceWebhook(shopId, "delivered");
                break;
            case AudienceDeliveryOutcome.Gone:
                await subscriptions.CancelAsync(shopId, subscription.Id, $"the endpoint answered 410 Gone on {now:yyyy-MM-dd HH:mm} UTC", cancellationToken);
                await outbox.UpdateAsync(attempted with { Status = AudienceDeliveryStatus.Cancelled }, etag, cancellationToken);
                LogCancelled(logger, shopId, subscription.Id);
                metrics.AudienceWebhook(shopId, "cancelled");
                break;
            case AudienceDeliveryOutcome.DeadLetter:
                await outbox.UpdateAsync(attempted with { Status = AudienceDeliveryStatus.Dead }, etag, cancellationToken);
                LogDead(logger, shopId, deliveryId, result);
                metrics.AudienceWebhook(shopId, "dead");
                break;
            default:
                if (retry.IsExhausted(attempted.FirstAttemptAt!.Value, now, attempted.Attempts))
                {
                    var hours = (now - attempted.FirstAttemptAt.Value).TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
                    await outbox.UpdateAsync(attempted with { Status = AudienceDeliveryStatus.Dead, LastResult = $"{result}; retries exhausted after {hours} hours" },
                        etag, cancellationToken);
                    LogDead(logger, shopId, deliveryId, result);
                    metrics.AudienceWebhook(shopId, "dead");
                }
                else
                {
                    // The next attempt's message first: a crash before the row is updated then costs a repeated POST
                    // (same webhook-id), never a delivery left pending with no message to send it.
                    await QueueAsync(shopId, deliveryId, retry.DelayAfter(attempted.Attempts), cancellationToken);
                    await outbox.UpdateAsync(attempted, etag, cancellationToken);
                    metrics.AudienceWebhook(shopId, "retried");
                }
                break;
        }
    }

    /// <summary>Sends dead letters again (after the receiver is fixed): each becomes pending with its attempts reset.</summary>
    /// <param name="ids">the deliveries to replay; empty for every dead letter of the shop.</param>
    /// <returns>the deliveries put back on the queue.</returns>
    public async Task<int> ReplayAsync(string shopId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var replayed = 0;
        foreach (var (record, etag) in await outbox.ReadAsync(shopId, AudienceDeliveryStatus.Dead, cancellationToken))
        {
            if (ids.Count > 0 && !ids.Contains(record.Delivery.Id)) continue;
            var fresh = record with { Status = AudienceDeliveryStatus.Pending, Attempts = 0, FirstAttemptAt = null, LastResult = "replayed: " + record.LastResult };
            if (!await outbox.UpdateAsync(fresh, etag, cancellationToken)) continue;
            await QueueAsync(shopId, record.Delivery.Id, null, cancellationToken);
            replayed++;
        }
        return replayed;
    }

    private async Task QueueAsync(string shopId, string deliveryId, TimeSpan? after, CancellationToken cancellationToken) =>
        await storage.Queue(StorageNames.AudienceDeliveriesQueue).SendMessageAsync(
            QueueMessages.Text(new AudienceDeliveryMessage(shopId, deliveryId)), after, null, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audience delivery {Delivery} of {Shop} ({Audience}) delivered on attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, string shop, string delivery, string audience, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audience delivery {Delivery} of {Shop} is a dead letter: {Result}")]
    private static partial void LogDead(ILogger logger, string shop, string delivery, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audience subscription {Subscription} of {Shop} cancelled: its endpoint answered 410 Gone")]
    private static partial void LogCancelled(ILogger logger, string shop, string subscription);
}
