using Microsoft.Extensions.Logging;
using Retention.Core.Nightly;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Records how a shop's night ends (<see cref="NightRunTable"/>): once, at its end, completed with its orders or failed
/// with its reason, and then the failure goes on as it was (the queue's retries and poison queue see it unchanged).
/// The record is the on-call engineer's, never the night's: failing to write it is logged, and changes nothing else.
/// </summary>
public sealed partial class NightRunRecorder(NightRunTable runs, ShopDirectory shops, TimeProvider clock, ILogger<NightRunRecorder> logger)
{
    public async Task<NightlyFigures> RecordAsync(string shopId, DateOnly asOf, Func<CancellationToken, Task<NightlyFigures>> night,
        CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        NightlyFigures figures;
        try
        {
            figures = await night(cancellationToken);
        }
        catch (Exception e)
        {
            await SaveFailedAsync(NightRunRecord.Failed(shopId, asOf, startedAt, clock.GetElapsedTime(started), e));
            throw;
        }
        await SaveAsync(NightRunRecord.Completed(shopId, asOf, startedAt, clock.GetElapsedTime(started), figures.Headline.Orders));
        return figures;
    }

    /// <summary>
    /// Not for a shop that is not registered (a request left for an erased shop, or a mistyped id): its row would outlive
    /// the shop's erasure.
    /// </summary>
    private async Task SaveFailedAsync(NightRunRecord run)
    {
        try
        {
            if (await shops.FindAsync(run.ShopId, CancellationToken.None) is null) return;
        }
        catch (Exception e) when (e is Azure.RequestFailedException || StorageFailure.IsUnavailable(e))
        {
            LogNotRecorded(logger, run.ShopId, run.AsOf, e.Message.Split('\n')[0]);
            return;
        }
        await SaveAsync(run);
    }

    /// <summary>Without the night's token: a night that ended, or was cancelled, is recorded all the same.</summary>
    private async Task SaveAsync(NightRunRecord run)
    {
        try
        {
            await runs.SaveAsync(run, CancellationToken.None);
        }
        catch (Exception e) when (e is Azure.RequestFailedException || StorageFailure.IsUnavailable(e))
        {
            LogNotRecorded(logger, run.ShopId, run.AsOf, e.Message.Split('\n')[0]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of the night of {Shop} as of {AsOf} was not recorded ({Error})")]
    private static partial void LogNotRecorded(ILogger logger, string shop, DateOnly asOf, string error);
}
