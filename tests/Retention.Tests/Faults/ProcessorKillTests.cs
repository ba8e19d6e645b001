using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Retention.Cli.Settings;
using Retention.Core.Shops;
using Retention.Core.Simulation;
using Retention.Pipeline;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Xunit.Abstractions;

namespace Retention.Tests.Faults;

/// <summary>
/// The processor killed hard (SIGKILL, no shutdown code) several times while a shop's history streams in: after the
/// restarts every acknowledged event is archived exactly once, and the shop's orders, change log and nightly snapshot
/// equal those of a second shop that was sent the very same deliveries with nothing killed. The host runs as its own
/// process (<c>retention serve</c>) with a short queue lease, so the messages a killed process was working on come
/// back within seconds.
/// </summary>
public class ProcessorKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string KilledShop = "killed-shop";
    private const string CleanShop = "clean-shop";
    private const int Kills = 3;
    private const int Concurrency = 8;
    private const int LeaseSeconds = 3;
    private static readonly DateOnly From = new(2024, 1, 1);
    private static readonly DateOnly To = new(2025, 6, 30);

    private Azurite _azurite = null!;
    private string _directory = "";
    private string _settingsPath = "";
    private IConfigurationRoot _configuration = null!;
    private ServiceProvider _services = null!;
    private RunningRetention? _serve;
    private readonly int _port = FreePort();

    private RetentionStorage Storage => _services.GetRequiredService<RetentionStorage>();

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _directory = Directory.CreateTempSubdirectory("retention-kill-").FullName;
        _settingsPath = Path.Combine(_directory, "local.settings.json");
        var settings = new LocalSettingsFile(_settingsPath);
        // One secret and one customer-id salt for both shops: the same deliveries then sign alike and key customers alike,
        // so the two shops' stores can be compared row by row.
        var credentials = ShopCredentials.Generate();
        settings.Write(new Dictionary<string, string>
        {
            [Setting(KilledShop, SettingNames.WebhookSecret)] = credentials.WebhookSecret,
            [Setting(KilledShop, SettingNames.CustomerIdSalt)] = credentials.CustomerIdSalt,
            [Setting(CleanShop, SettingNames.WebhookSecret)] = credentials.WebhookSecret,
            [Setting(CleanShop, SettingNames.CustomerIdSalt)] = credentials.CustomerIdSalt,
        });
        _configuration = RetentionConfiguration.Build(settings, _azurite.ConnectionString);
        _services = new ServiceCollection().AddLogging().AddRetentionPipeline(_configuration).BuildServiceProvider();
        await Storage.EnsureCreatedAsync(default);
        var registrar = new ShopRegistrar(_services.GetRequiredService<ShopDirectory>(), settings, TimeProvider.System);
        foreach (var shop in new[] { KilledShop, CleanShop })
        {
            var (_, registered) = await registrar.RegisterAsync(shop, "Europe/Berlin", "EUR", null, default);
            Assert.Equal(credentials, registered);
        }
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null) await _serve.DisposeAsync();
        await _services.DisposeAsync();
        (_configuration as IDisposable)?.Dispose();
        await _azurite.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Killing_the_processor_hard_mid_ingest_stores_every_accepted_event_once_and_ends_as_a_clean_run_does()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var history = SyntheticShopHistory.Generate(new SyntheticShopOptions(300, From, To, Seed: 20250401));
        var deliveries = DeliveryOrder(history);
        var eventIds = history.Select(d => d.EventId).Distinct().Order(StringComparer.Ordinal).ToList();
        var orderIds = history.Select(d => d.OrderId).Distinct().Order(StringComparer.Ordinal).ToList();
        var secret = new LocalSettingsFile(_settingsPath).ReadValues()[Setting(KilledShop, SettingNames.WebhookSecret)];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/"), Timeout = TimeSpan.FromSeconds(15) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Note(string what) => output.WriteLine($"{what} [{clock.Elapsed.TotalSeconds:F1}s]");
        await StartServeAsync();
        Note("serve up");

        // The killed run: the history streams in while the processor is killed mid-work and restarted, three times.
        var killed = new ProcessorKillSender(http, KilledShop, secret);
        var sending = killed.SendAsync(deliveries, Concurrency, deadline.Token);
        var kills = new List<KillMoment>();
        for (var k = 1; k <= Kills; k++)
        {
            var acknowledgedBeforeKill = eventIds.Count * k / (Kills + 1);
            while (killed.Acknowledged < acknowledgedBeforeKill) await Pause(sending, deadline.Token);
            // A crash in the middle of an ingest: the process stored orders since the last look, and messages still wait.
            var stored = await StoredOrdersAsync(KilledShop);
            while (true)
            {
                await Pause(sending, deadline.Token);
                var (storedNow, queued) = (await StoredOrdersAsync(KilledShop), await QueuedAsync(StorageNames.OrderEventsQueue));
                if (storedNow > stored && queued > 0)
                {
                    await _serve!.KillAsync();
                    kills.Add(new KillMoment(k, killed.Acknowledged, queued, storedNow - stored));
                    break;
                }
                Assert.False(sending.IsCompleted && queued == 0, $"the ingest was over before kill {k}: nothing left to interrupt");
                stored = storedNow;
            }
            Note($"kill {k}");
            await StartServeAsync();
            Note($"restart {k}");
        }
        await sending;
        Note("killed run sent");
        await DrainAsync(deadline.Token);
        Note("killed run drained");

        // The clean run: the same deliveries, bodies and event ids to the other shop, through the last process, undisturbed.
        var clean = new ProcessorKillSender(http, CleanShop, secret);
        await clean.SendAsync(deliveries, Concurrency, deadline.Token);
        Note("clean run sent");
        await DrainAsync(deadline.Token);
        Note("clean run drained");
        foreach (var kill in kills) output.WriteLine(kill.ToString());
        output.WriteLine($"{deliveries.Count} deliveries of {eventIds.Count} events for {orderIds.Count} orders; " +
                         $"killed run retried {killed.Retries} sends, clean run {clean.Retries}");

        Assert.Equal(Kills, kills.Count);
        Assert.All(kills, kill => Assert.True(kill.Queued > 0 && kill.StoredJustBefore > 0, kill.ToString()));
        Assert.True(killed.Retries > 0, "no send was refused: the kills did not reach the webhook route");
        Assert.Equal(eventIds, killed.AcknowledgedEventIds.Order(StringComparer.Ordinal));
        Assert.Equal(eventIds, clean.AcknowledgedEventIds.Order(StringComparer.Ordinal));

        // Exactly one raw event per acknowledged event id, and nothing else.
        Assert.Equal(eventIds.Select(id => RawEventArchive.BlobName(KilledShop, "generic", id)).Order(StringComparer.Ordinal),
            await RawEventNamesAsync(KilledShop));

        // Every order at its latest version (the last one the history generated), the same row by row as the clean run.
        var latest = history.GroupBy(d => d.OrderId).ToDictionary(g => g.Key, g => g.Last().EventId);
        var orders = await _services.GetRequiredService<OrderTable>().ReadShopAsync(KilledShop, default);
        Assert.Equal(latest.OrderBy(p => p.Key, StringComparer.Ordinal), orders.Select(o => KeyValuePair.Create(o.OrderId, o.SourceEventId)));
        var killedRows = await ProcessorKillState.OrderRowsAsync(Storage, KilledShop);
        Assert.Equal(orderIds.Count, killedRows.Count);
        Assert.Equal(await ProcessorKillState.OrderRowsAsync(Storage, CleanShop), killedRows);
        Assert.Equal(orderIds, await ProcessorKillState.ChangedOrderIdsAsync(Storage, KilledShop));
        Assert.Equal(orderIds, await ProcessorKillState.ChangedOrderIdsAsync(Storage, CleanShop));

        Assert.Equal(0, await QueuedAsync(StorageNames.OrderEventsQueue));
        foreach (var poison in StorageNames.PoisonQueues) Assert.Equal(0, await QueuedAsync(poison));

        // The nightly snapshot of the last day: the same figures and the same dataset rows.
        var snapshots = _services.GetRequiredService<SnapshotService>();
        var computed = await Task.WhenAll(snapshots.ComputeAsync(KilledShop, To, deadline.Token), snapshots.ComputeAsync(CleanShop, To, deadline.Token));
        var (afterKills, undisturbed) = (computed[0], computed[1]);
        Note("snapshots");
        Assert.True(afterKills.Headline.Orders > 0 && afterKills.Headline.RepeatCustomers > 0, afterKills.Headline.ToString());
        Assert.Equal(undisturbed.Headline with { ShopId = KilledShop }, afterKills.Headline);
        var writer = _services.GetRequiredService<SnapshotDayWriter>();
        var killedDatasets = await ProcessorKillState.SnapshotDatasetRowsAsync(writer, KilledShop, To);
        Assert.NotEmpty(killedDatasets);
        Assert.Equal(await ProcessorKillState.SnapshotDatasetRowsAsync(writer, CleanShop, To), killedDatasets);

        // And nothing anywhere that the clean run does not have as well (the change log is compared by order above: a run
        // that crosses midnight UTC names an order on two days; the raw record is compared event by event above: its
        // events fall into other intake batches when deliveries are sent again).
        var killedCounts = await StoredData.CountShopAsync(Storage, KilledShop);
        var cleanCounts = await StoredData.CountShopAsync(Storage, CleanShop);
        foreach (var counts in new[] { killedCounts, cleanCounts })
        {
            counts.Remove(StorageNames.OrderChangesTable);
            counts.Remove(StorageNames.RawEventsContainer);
        }
        Assert.Equal(cleanCounts, killedCounts);
    }

    /// <param name="Queued">messages on the queue, waiting or leased, at the last look before the kill.</param>
    /// <param name="StoredJustBefore">new orders in the change log between the last two looks before the kill (one query apart).</param>
    private sealed record KillMoment(int Kill, int Acknowledged, int Queued, int StoredJustBefore);

    private async Task StartServeAsync()
    {
        if (_serve is not null) await _serve.DisposeAsync();
        _serve = RetentionCli.Start("serve", "--port", _port.ToString(CultureInfo.InvariantCulture), "--no-timer", "--queue-lease", LeaseSeconds.ToString(CultureInfo.InvariantCulture),
            "--storage", _azurite.ConnectionString, "--settings", _settingsPath);
        await _serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until the queue, leased messages included, is empty on two polls in a row.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        for (var quiet = 0; quiet < 2;)
        {
            await Task.Delay(250, cancellationToken);
            quiet = await QueuedAsync(StorageNames.OrderEventsQueue) == 0 ? quiet + 1 : 0;
        }
    }

    private async Task<int> QueuedAsync(string queue) =>
        (await Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private async Task<int> StoredOrdersAsync(string shopId) => (await ProcessorKillState.ChangedOrderIdsAsync(Storage, shopId)).Count;

    /// <summary>The raw events the shop's archive holds, batched or not, each once.</summary>
    private Task<List<string>> RawEventNamesAsync(string shopId) => ArchivedEvents.NamesAsync(Storage, shopId);

    /// <summary>Between polls; a sender that failed ends the test with its own error rather than a timeout.</summary>
    private static async Task Pause(Task sending, CancellationToken cancellationToken)
    {
        if (sending.IsFaulted) await sending;
        await Task.Delay(50, cancellationToken);
    }

    /// <summary>As a platform delivers: shuffled (some revisions before their orders), every 10th event twice.</summary>
    private static List<SyntheticDelivery> DeliveryOrder(IReadOnlyList<SyntheticDelivery> history)
    {
        var deliveries = history.Concat(history.Where((_, i) => i % 10 == 0)).ToList();
        new Random(7).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deliveries));
        return deliveries;
    }

    private static string Setting(string shopId, string name) => SettingNames.AsAppSetting(SettingNames.ShopSetting(shopId, name));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
