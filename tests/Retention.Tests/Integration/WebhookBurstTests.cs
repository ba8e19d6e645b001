using Retention.Cli.Bench;
using Retention.Cli.Demo;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Integration;

/// <summary>
/// The load scenario of <c>retention bench load</c>, smaller: a burst of signed webhooks with redeliveries over real HTTP
/// into the local host, then every acknowledged order checked against the store. Counts only — timings are the bench's.
/// </summary>
public class WebhookBurstTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    [Fact]
    public async Task Every_acknowledged_order_of_a_burst_is_stored_once_and_nothing_else_is()
    {
        var credentials = await pipeline.RegisterShopAsync("burst-shop");
        var orders = WebhookBurst.Orders(600, seed: 7);
        // Platforms redeliver: every 10th order is sent a second time within the same burst.
        var deliveries = orders.Concat(orders.Where((_, i) => i % 10 == 0)).ToList();
        var sender = new WebhookSender(pipeline.Http, "burst-shop", credentials.WebhookSecret, TimeProvider.System);

        var (burst, accepted) = await WebhookBurst.SendAsync(sender, deliveries, concurrency: 32, default);
        await pipeline.DrainAsync();

        Assert.Empty(burst.Refused);
        Assert.Equal(660, burst.Sent);
        Assert.Equal(600, accepted.Count);
        var check = await WebhookBurst.CheckAsync(pipeline.Service<OrderTable>(), pipeline.Storage, "burst-shop", accepted, default);
        Assert.Equal(new BurstCheck(Stored: 600, Missing: 0, Unexpected: 0, RawEvents: 600), check);
        Assert.True(check.NothingLostOrDoubled(accepted.Count));
        Assert.Equal(0, pipeline.Host.OrderEvents.Poisoned);
        Assert.Equal(660, burst.LatencyMs.Count);
    }
}
