using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Core.Shopify;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Privacy;

namespace Retention.Pipeline.Shopify;

/// <summary>
/// The queue processor's work for a Shopify compliance request (platform <c>shopify-privacy</c>), off the HTTP path
/// because an erasure can take minutes and Shopify waits 5 seconds for its answer. Records the request in the audit,
/// runs the export or erasure, marks the audit row completed and deletes the archived request (it names the customer,
/// and its purpose is served; the audit row remains). A request already completed is not run again: a redelivered
/// message or webhook only removes the request's blob once more. Each step is idempotent, so an attempt that failed
/// half-way is finished by the next; after five failures the message is in <c>order-events-poison</c> and the audit
/// row, without <c>CompletedAt</c>, shows what was done. A completed erasure's row also says when it is complete
/// everywhere (<see cref="PrivacyAuditEntry.CompleteEverywhereBy"/>): one blob soft-delete window after the last blob it
/// deleted, which is the request's own archived copy (it names the customer), deleted right after completion or again
/// when Shopify redelivers the request.
/// </summary>
public sealed partial class ShopifyPrivacyProcessor(
    RawEventArchive archive,
    ShopDirectory shops,
    ShopCredentialStore credentials,
    PrivacyAuditTable audit,
    CustomerDataExport export,
    CustomerErasure customers,
    ShopErasure shopErasure,
    BlobSoftDeleteWindow softDelete,
    TimeProvider clock,
    ILogger<ShopifyPrivacyProcessor> logger)
{
    /// <returns>the request's audit entry, or null for a request of a shop erased before it was worked on.</returns>
    public async Task<PrivacyAuditEntry?> ProcessAsync(OrderEventMessage message, CancellationToken cancellationToken)
    {
        var entry = await audit.FindAsync(message.Shop, message.EventId, cancellationToken);
        if (entry?.CompletedAt is not null)
        {
            // A redelivery archived the request again, and deleting it starts a soft-delete window of its own; an attempt
            // that stopped between completing and dating the erasure dates it now.
            if (await archive.DeleteAsync(message.Blob, cancellationToken) || entry.CompleteEverywhereBy is null)
                entry = await DateAsync(entry, cancellationToken);
            LogAlreadyCompleted(logger, entry.Topic, message.Shop, message.EventId, entry.CompletedAt);
            return entry;
        }

        var body = await archive.ReadAsync(message.Blob, cancellationToken);
        if (body is null)
        {
            // A shop's erasure deletes every raw event of the shop, a queued request of its customers among them.
            if (await shops.FindAsync(message.Shop, cancellationToken) is null)
            {
                LogRequestForErasedShop(logger, message.EventId, message.Shop);
                if (entry is null) return null;
                // The shop's erasure deleted the blobs, before now.
                var now = clock.GetUtcNow();
                entry = (entry with { CompletedAt = now }).GoneEverywhereAfter(now, softDelete);
                await audit.SaveAsync(entry, cancellationToken);
                return entry;
            }
            throw new InvalidDataException($"raw event blob '{message.Blob}' does not exist");
        }
        var (request, problem) = ShopifyPrivacyRequestReader.ReadArchived(body.ToMemory());
        if (request is null) throw new InvalidDataException($"event {message.EventId} is not a compliance request: {problem}");
        // The salt is in settings, not in the shop's row: an erasure that already removed the row can still run again. A
        // shop's erasure names no customer and needs none, so it completes even once the operator removed the settings.
        var salt = credentials.Find(message.Shop)?.CustomerIdSalt
            ?? (request.Topic == ShopifyPrivacyTopics.ShopRedact ? ""
                : throw new InvalidOperationException($"shop '{message.Shop}' has no credentials in settings"));

        entry ??= new PrivacyAuditEntry(message.Shop, message.EventId, request.Topic, message.ReceivedAt, null, request.ShopifyShopId,
            request.DataRequestId, [.. request.CustomerKeys.Select(k => CustomerPseudonym.Of(k, salt)).Order(StringComparer.Ordinal)],
            request.OrderIds.Count, PrivacyCounts.None, null, 0, 0);
        await audit.SaveAsync(entry, cancellationToken);

        entry = request.Topic == ShopifyPrivacyTopics.ShopRedact
            ? await shopErasure.EraseAsync(message.Shop, message.Blob, entry, cancellationToken)
            : await RunForCustomerAsync(message.Shop, salt, request, entry, cancellationToken);

        entry = entry with { CompletedAt = clock.GetUtcNow() };
        await audit.SaveAsync(entry, cancellationToken);
        await archive.DeleteAsync(message.Blob, cancellationToken);
        entry = await DateAsync(entry, cancellationToken);
        if (entry.CompleteEverywhereBy is { } by) LogErasureCompleted(logger, request.Topic, message.Shop, message.EventId, by);
        else LogCompleted(logger, request.Topic, message.Shop, message.EventId);
        return entry;
    }

    /// <summary>An erasure whose last blob deletion was just now: saved with its complete-everywhere date. A data request is left as it is.</summary>
    private async Task<PrivacyAuditEntry> DateAsync(PrivacyAuditEntry entry, CancellationToken cancellationToken)
    {
        var dated = entry.GoneEverywhereAfter(clock.GetUtcNow(), softDelete);
        if (dated.CompleteEverywhereBy == entry.CompleteEverywhereBy) return entry;
        await audit.SaveAsync(dated, cancellationToken);
        return dated;
    }

    private async Task<PrivacyAuditEntry> RunForCustomerAsync(string shopId, string salt, ShopifyPrivacyRequest request, PrivacyAuditEntry entry,
        CancellationToken cancellationToken)
    {
        var shop = await shops.FindAsync(shopId, cancellationToken);
        if (shop is null)
        {
            // Erased (shop/redact) after this request was accepted: nothing of the customer is left to export or delete.
            LogTopicForErasedShop(logger, request.Topic, shopId);
            return entry;
        }
        var context = new ShopContext(shop.Id, shop.Currency, salt);
        return request.Topic == ShopifyPrivacyTopics.DataRequest
            ? await export.ExportAsync(context, request, entry, cancellationToken)
            : await customers.EraseAsync(context, request, entry, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify {Topic} for shop {Shop} (webhook {Webhook}) was completed at {CompletedAt}; nothing more to do")]
    private static partial void LogAlreadyCompleted(ILogger logger, string topic, string shop, string webhook, DateTimeOffset? completedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify compliance request {Webhook} for shop {Shop}: the shop is erased, nothing is held")]
    private static partial void LogRequestForErasedShop(ILogger logger, string webhook, string shop);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify {Topic} for shop {Shop} (webhook {Webhook}) completed")]
    private static partial void LogCompleted(ILogger logger, string topic, string shop, string webhook);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Shopify {Topic} for shop {Shop} (webhook {Webhook}) completed; complete everywhere (soft-deleted blobs gone too) by {CompleteEverywhereBy:O}")]
    private static partial void LogErasureCompleted(ILogger logger, string topic, string shop, string webhook, DateTimeOffset completeEverywhereBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify {Topic} for shop {Shop}: the shop is erased, nothing is held")]
    private static partial void LogTopicForErasedShop(ILogger logger, string topic, string shop);
}
