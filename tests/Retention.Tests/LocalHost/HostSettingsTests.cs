using System.Globalization;
using Retention.Cli.LocalHost;
using Retention.Pipeline;
using Retention.Tests.Support;

namespace Retention.Tests.LocalHost;

public class HostSettingsTests
{
    [Fact]
    public void The_local_queue_listener_takes_its_semantics_from_the_repositorys_host_json()
    {
        var options = QueueTriggerOptions.FromHostJson(RepositoryRoot.HostJson);
        Assert.Equal(5, options.MaxDequeueCount);
        // The Functions app counts a failure on this dequeue as a poisoned message (QueueTriggerData): the same number.
        Assert.Equal(Retention.Pipeline.Hosting.FunctionBindings.MaxDequeueCount, options.MaxDequeueCount);
        Assert.Equal(16, options.BatchSize);
        Assert.Equal(8, options.NewBatchThreshold);
        Assert.True(options.MaxPollingInterval > TimeSpan.Zero);
    }

    [Fact]
    public void Missing_host_json_entries_take_the_functions_defaults()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"version":"2.0"}""");
        var options = QueueTriggerOptions.FromHostJson(path);
        File.Delete(path);
        Assert.Equal(new QueueTriggerOptions(16, 8, 5, TimeSpan.Zero, TimeSpan.FromMinutes(1)), options);
    }

    [Theory]
    [InlineData("2025-03-10T01:59:59Z", "2025-03-10T02:00:00Z")]
    [InlineData("2025-03-10T02:00:00Z", "2025-03-11T02:00:00Z")]
    [InlineData("2025-12-31T23:00:00Z", "2026-01-01T02:00:00Z")]
    public void The_default_nightly_schedule_fires_at_two_in_the_morning_utc(string now, string next)
    {
        var schedule = NightlyTimer.Parse(SettingNames.DefaultNightlySnapshotSchedule);
        Assert.Equal(DateTimeOffset.Parse(next, CultureInfo.InvariantCulture), NightlyTimer.NextOccurrence(schedule, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("every night")]
    public void A_schedule_that_is_not_six_field_ncrontab_is_refused(string expression) =>
        Assert.Throws<FormatException>(() => NightlyTimer.Parse(expression));
}
