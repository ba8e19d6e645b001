using System.Net;
using Retention.Cli.Bench;
using Retention.Cli.Demo;
using Retention.Tests.Support;

namespace Retention.Tests.Faults;

/// <summary>
/// The gap in the middle of an ingest: the body archived, then queueing its pointer fails. The delivery is answered 503,
/// and when it is sent again its archived body makes it a duplicate, which is queued all the same; otherwise it would
/// have been acknowledged and never processed.
/// </summary>
public sealed class StorageOutageQueueTests : IAsyncLifetime
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
    public async Task A_delivery_archived_while_the_queue_was_down_is_queued_when_it_is_sent_again()
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
        Assert.Equal(deliveries.Count, (await StorageOutageStore.RawEventsAsync(_pipeline, shop, ct)).Count);

        await _pipeline.Azurite.RestartAsync();
        var again = await sender.SendOnceAsync(deliveries, concurrency: 16, ct);
        Assert.All(again, a => Assert.Equal(((int)HttpStatusCode.Accepted, true), (a.Status, a.Duplicate)));
        await _pipeline.DrainAsync();

        await StorageOutageStore.AssertStoredOnceAsync(_pipeline, shop, credentials, deliveries, ct);
    }
}
