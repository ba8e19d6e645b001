using Microsoft.Extensions.Logging;
using Retention.Core.Spend;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Spend;

/// <summary>
/// Records retention spend sent to <c>POST /api/spend/{shop}</c>, signed like every webhook. The webhook id is
/// the entry id, so a redelivery replaces its own entry instead of adding the amount twice.
/// </summary>
public sealed partial class RetentionSpendService(SignedShopRequest signedRequest, RetentionSpendTable spend, ILogger<RetentionSpendService> logger)
{
    public async Task<IngestOutcome> RecordAsync(string shopId, WebhookHeaders headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            var (request, refusal) = await signedRequest.VerifyAsync(shopId, headers, body, cancellationToken);
            if (request is null) return refusal!;
            var (entry, problem) = RetentionSpendRequest.Read(body.Span, request.Shop.Id, request.EventId);
            if (entry is null) return IngestOutcome.Invalid(problem!);
            await spend.RecordAsync(entry, cancellationToken);
            return IngestOutcome.Recorded(request.EventId);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken))
        {
            LogStorageUnavailable(logger, e, shopId);
            return IngestOutcome.StorageUnavailable();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while recording spend for shop {Shop}; answered 503")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string shop);
}
