using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Retention.Cli.LocalHost;
using Retention.Cli.Settings;
using Retention.Pipeline;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Pipeline.Snapshots;

namespace Retention.Tests.Integration;

/// <summary>The local host's timer, on a schedule that fires every second, drives the nightly fan-out end to end.</summary>
public class NightlyTimerTests
{
    [Fact]
    public async Task The_timer_requests_yesterdays_snapshot_for_every_shop_and_the_queue_trigger_writes_it()
    {
        await using var azurite = await Azurite.StartAsync();
        var directory = Directory.CreateTempSubdirectory("retention-timer-").FullName;
        var settings = new LocalSettingsFile(Path.Combine(directory, "local.settings.json"));
        settings.Write(new Dictionary<string, string> { [SettingNames.NightlySnapshotSchedule] = "* * * * * *" });
        var configuration = RetentionConfiguration.Build(settings, azurite.ConnectionString);
        await using var host = LocalFunctionsHost.Create(configuration, new LocalHostOptions(0, RepositoryRoot.HostJson, EnableTimer: true, LogLevel: LogLevel.Warning));
        var storage = host.Services.GetRequiredService<RetentionStorage>();
        await storage.EnsureCreatedAsync(default);
        var shops = host.Services.GetRequiredService<ShopDirectory>();
        await shops.SaveAsync(new("timer-berlin", "Europe/Berlin", "EUR", DateTimeOffset.UtcNow), default);
        await shops.SaveAsync(new("timer-la", "America/Los_Angeles", "USD", DateTimeOffset.UtcNow), default);

        await host.StartAsync(default);
        var snapshots = host.Services.GetRequiredService<SnapshotTable>();
        var now = DateTimeOffset.UtcNow;
        var expected = new[] { ("timer-berlin", "Europe/Berlin"), ("timer-la", "America/Los_Angeles") };
        var found = false;
        for (var i = 0; i < 100 && !found; i++)
        {
            await Task.Delay(200);
            found = true;
            foreach (var (shop, zone) in expected)
            {
                var asOf = new Retention.Core.Shops.Shop(shop, zone, "EUR", now).NightlyAsOfDate(DateTimeOffset.UtcNow);
                found &= await snapshots.FindAsync(shop, asOf, default) is not null;
            }
        }
        await host.StopAsync(default);
        Directory.Delete(directory, recursive: true);
        Assert.True(found, "the timer did not produce yesterday's snapshot for both shops within 20 s");
    }
}
