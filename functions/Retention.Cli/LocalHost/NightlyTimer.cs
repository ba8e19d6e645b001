using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;
using Retention.Pipeline.Snapshots;

namespace Retention.Cli.LocalHost;

/// <summary>
/// The nightly timer trigger: the same six-field NCRONTAB expression (seconds first) as the Functions
/// TimerTrigger, evaluated in UTC as Azure does by default.
/// </summary>
public sealed class NightlyTimer(string schedule, NightlySnapshotScheduler scheduler, TimeProvider clock, ILogger<NightlyTimer> logger)
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
            logger.LogInformation("Nightly snapshot timer ({Schedule}, UTC) next runs at {Next:u}", schedule, next);
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
                logger.LogError(e, "Nightly snapshot timer failed; it runs again at the next occurrence");
            }
        }
    }
}
