using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Ingest;

/// <summary>
/// Accepts one signed delivery (an order event or a survey answer): checks shop, signature and body, archives the
/// body without personal data and queues a pointer to it. Nothing else happens in the request, so the sender gets
/// its answer in milliseconds; normalizing and storing is the queue processor's job. A 202 is only answered once
/// blob and message are both written, which is what makes "nothing accepted is lost" true.
/// </summary>
public sealed partial class WebhookIngestService(
    SignedShopRequest signedRequest,
    ClaimCheck claimCheck,
    TimeProvider clock,
    ILogger<WebhookIngestService> logger)
{
    public Task<IngestOutcome> AcceptGenericAsync(string shopId, WebhookHeaders headers, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken) =>
        AcceptAsync(IncomingEvent.GenericOrder, shopId, headers, body, cancellationToken);

    public async Task<IngestOutcome> AcceptAsync(IncomingEvent kind, string shopId, WebhookHeaders headers, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        try
        {
            var (request, refusal) = await signedRequest.VerifyAsync(shopId, headers, body, cancellationToken);
            if (request is null) return refusal!;
            var (shop, secrets, eventId) = (request.Shop, request.Credentials, request.EventId);

            var context = new ShopContext(shop.Id, shop.Currency, secrets.CustomerIdSalt);
            var (archived, problem) = kind.Prepare(body, context, eventId);
            if (problem is not null) return IngestOutcome.Invalid(problem);

            return await claimCheck.AcceptAsync(context, kind.Kind, eventId, archived!, clock.GetUtcNow(),
                new Dictionary<string, string> { ["webhooktimestamp"] = headers.Timestamp! }, cancellationToken);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
        {
            LogStorageUnavailable(logger, e, shopId);
            return IngestOutcome.StorageUnavailable();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while accepting a webhook for shop {Shop}; answered 503")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string shop);
}
