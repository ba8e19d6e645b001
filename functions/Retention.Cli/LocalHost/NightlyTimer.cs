using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;
using Retention.Pipeline.Snapshots;

namespace Retention.Cli.LocalHost;

/// <summary>
/// The nightly timer trigger: the same six-field NCRONTAB expression (seconds first) as the Functions
/// TimerTrigger, evaluated in UTC as Azure does by default.
/// </summary>
public sealed partial class NightlyTimer(string schedule, NightlySnapshotScheduler scheduler, TimeProvider clock, ILogger<NightlyTimer> logger)
    : BackgroundService
{
    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
        ?? throw new FormatException($"'{expression}' is not a six-field NCRONTAB expression such as '0 0 2 * * *'");

    public static DateTimeOffset NextOccurrence(CrontabSchedule schedule, DateTimeOffset after) =>
        new(DateTime.SpecifyKind(schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var crontab = Parse(schedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = NextOccurrence(crontab, clock.GetUtcNow());
            LogNextRun(logger, schedule, next);
            try
            {
                var wait = next - clock.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, stoppingToken);
                await scheduler.RequestAllAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogTimerFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly snapshot timer ({Schedule}, UTC) next runs at {Next:u}")]
    private static partial void LogNextRun(ILogger logger, string schedule, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly snapshot timer failed; it runs again at the next occurrence")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception);
}
