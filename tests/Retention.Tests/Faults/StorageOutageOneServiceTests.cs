using System.Diagnostics.CodeAnalysis;
using System.Net;
using Retention.Cli.Bench;
using Retention.Cli.Demo;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Faults;

/// <summary>
/// One storage service down while the others answer. The queue down is the gap in the middle of an ingest: the body
/// archived, then queueing its pointer fails; the delivery is answered 503, and when it is sent again its archived body
/// makes it a duplicate, which is queued all the same (otherwise it would have been acknowledged and never processed).
/// The tables down: webhooks are still accepted (archived and queued), and their processing waits for the tables instead
/// of spending its five dequeues on the outage and landing in the poison queue (<see cref="StorageOutagePatience"/>).
/// Each test gets its own pipeline.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes the fields in IAsyncLifetime.DisposeAsync, after the tests.")]
public sealed class StorageOutageOneServiceTests : IAsyncLifetime
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
    public async Task Deliveries_refused_while_the_queue_was_down_leave_nothing_and_are_stored_once_when_sent_again()
    {
        const string shop = "outage-queue";
        var ct = _timeout.Token;
        var credentials = await _pipeline.RegisterShopAsync(shop, currency: StorageOutageStore.Currency);
        var deliveries = WebhookBurst.Orders(100, seed: 9);
        var sender = new StorageOutageSender(new WebhookSender(_pipeline.Http, shop, credentials.WebhookSecret, TimeProvider.System));

        // Only the queue service stops: blobs and tables (the shop's row) still answer.
        await _pipeline.Azurite.StopGracefullyAsync(AzuriteService.Queue);
        var first = await sender.SendOnceAsync(deliveries, concurrency: 16, ct);
        Assert.All(first, a => Assert.Equal((int)HttpStatusCode.ServiceUnavailable, a.Status));
        Assert.All(first, a => Assert.True(a.RetryAfter > TimeSpan.Zero, $"{a.EventId}'s 503 had no Retry-After"));
        // A batch whose message failed is not left behind: a 503 stored nothing, and the platform sends it again.
        Assert.Empty(await StorageOutageStore.RawEventsAsync(_pipeline, shop, ct));

        await _pipeline.Azurite.RestartAsync();
        var again = await sender.SendOnceAsync(deliveries, concurrency: 16, ct);
        Assert.All(again, a => Assert.Equal((int)HttpStatusCode.Accepted, a.Status));
        await _pipeline.DrainAsync();

        await StorageOutageStore.AssertStoredOnceAsync(_pipeline, shop, credentials, deliveries, ct);
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
