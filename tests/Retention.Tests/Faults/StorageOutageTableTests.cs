using System.Net;
using Retention.Cli.Bench;
using Retention.Cli.Demo;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Faults;

/// <summary>
/// One service down while the others answer: tables gone, queue and blobs up. Webhooks are still accepted (archived and
/// queued), and their processing waits for the tables instead of spending its five dequeues on the outage and landing
/// in the poison queue (<see cref="StorageOutagePatience"/>).
/// </summary>
public sealed class StorageOutageTableTests : IAsyncLifetime
{
    private readonly PipelineHost _pipeline = StorageOutageStore.Pipeline();
    // A bound on the whole test, so a hang fails it instead of stalling the suite.
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));

    public Task InitializeAsync() => _pipeline.InitializeAsync();

    public async Task DisposeAsync()
    {
        _timeout.Dispose();
        await _pipeline.DisposeAsync();
    }

    [Fact]
    public async Task Events_accepted_while_the_tables_are_down_wait_for_them_and_are_stored_once_without_poisoning()
    {
        const string shop = "outage-tables";
        var ct = _timeout.Token;
        var credentials = await _pipeline.RegisterShopAsync(shop, currency: StorageOutageStore.Currency);
        var deliveries = WebhookBurst.Orders(60, seed: 10);
        var sender = new StorageOutageSender(new WebhookSender(_pipeline.Http, shop, credentials.WebhookSecret, TimeProvider.System));
        // One order before the outage: the shop's row is then cached, as on a busy host, and the webhooks can be accepted.
        Assert.All(await sender.SendOnceAsync(deliveries.Take(1).ToList(), concurrency: 1, ct), a => Assert.Equal((int)HttpStatusCode.Accepted, a.Status));
        await _pipeline.DrainAsync();

        await _pipeline.Azurite.StopGracefullyAsync(AzuriteService.Table);
        var accepted = await sender.SendOnceAsync(deliveries.Skip(1).ToList(), concurrency: 16, ct);
        Assert.All(accepted, a => Assert.Equal((int)HttpStatusCode.Accepted, a.Status));
        // Down for longer than five dequeues take to run out (host.json: visibilityTimeout 2 s), so without the patience
        // every one of these events would now be in the poison queue.
        var outage = TimeSpan.FromSeconds(14);
        await Task.Delay(outage, ct);
        Assert.True(_pipeline.Host.OrderEvents.InFlight > 0, "no event was waiting for the tables: the outage tested nothing");
        Assert.Equal(0, _pipeline.Host.OrderEvents.Poisoned);

        await _pipeline.Azurite.RestartAsync();
        await _pipeline.DrainAsync();
        await StorageOutageStore.AssertStoredOnceAsync(_pipeline, shop, credentials, deliveries, ct);
    }
}
