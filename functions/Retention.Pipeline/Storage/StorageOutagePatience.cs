using Microsoft.Extensions.Logging;

namespace Retention.Pipeline.Storage;

/// <summary>
/// Retries work that failed only because storage could not be reached, for up to <see cref="Patience"/>, before
/// letting the failure through. A queue-triggered failure costs one of the message's five dequeues, so without this an
/// outage of one service (tables down while the queue works) would park every event it touches in the poison queue
/// within seconds. The work it wraps must be idempotent, as queue processing is, because an attempt may have half-run.
/// </summary>
public sealed partial class StorageOutagePatience(TimeProvider clock, ILogger<StorageOutagePatience> logger)
{
    /// <summary>Well inside the Functions timeout (5 minutes on the Consumption plan) and the queue lease.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(15);

    /// <param name="what">what the work is, for the one warning logged when storage is first found down.</param>
    public async Task RunAsync(string what, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var giveUpAt = clock.GetUtcNow() + Patience;
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work(cancellationToken);
                if (attempt > 1) LogStorageBack(logger, what, attempt);
                return;
            }
            catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken) && clock.GetUtcNow() + pause < giveUpAt)
            {
                if (attempt == 1)
                    LogStorageWaiting(logger, what, e.Message.Split('\n')[0], Patience);
                await Task.Delay(pause, clock, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} succeeded on attempt {Attempt}, storage answering again")]
    private static partial void LogStorageBack(ILogger logger, string what, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while {What} ({Error}); trying again for up to {Patience}")]
    private static partial void LogStorageWaiting(ILogger logger, string what, string error, TimeSpan patience);
}
