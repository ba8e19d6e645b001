using System.Text.Json;
using Retention.Core.Audiences;
using Retention.Core.Audiences.Delivery;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using static Retention.Tests.Snapshots.LedgerTestOrders;

namespace Retention.Tests.Audiences;

/// <summary>
/// The nightly audience webhooks against a real receiver (Kestrel on 127.0.0.1, verifying the Standard Webhooks signature
/// with the subscription's secret): each night's entered and left arrive exactly once in effect, through a receiver
/// that is down for a while (retried, same webhook-id), that refuses with 400 (dead letter, listed, replayed after the
/// fix) and that answers 410 (subscription cancelled); a night run again sends nothing new; two shops never see each
/// other's members.
/// </summary>
public class AudienceDeliveryTests(AudienceDeliveryFixture fixture) : IClassFixture<AudienceDeliveryFixture>
{
    private static readonly DateOnly[] Nights = [new(2025, 4, 10), new(2025, 4, 20), new(2025, 4, 30), new(2025, 5, 10), new(2025, 5, 20)];
    private PipelineHost Pipeline => fixture.Pipeline;
    private WebhookReceiver Receiver => fixture.Receiver;

    private async Task<AudienceSubscription> ShopAsync(string shopId, int seed, bool includeControl = false, DateOnly? nightBefore = null)
    {
        var credentials = await Pipeline.RegisterShopAsync(shopId, Shop.TimeZoneId);
        var orders = Pipeline.Service<OrderTable>();
        // Platform customer ids of the shop's own ("audience-a-c12"), so a member is known by shop in what the receiver gets.
        await Parallel.ForEachAsync(Generate(new Random(seed), 1200, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (order, ct) => await orders.UpsertAsync(order with { ShopId = shopId, CustomerKey = $"c:{shopId}-{order.CustomerKey}" }, ct));
        // A night before the subscription: its members are the ones the next night's changes are counted from.
        if (nightBefore is { } night) await NightAsync(shopId, night);
        var subscription = new AudienceSubscription(shopId, AudienceSubscription.NewId(), Receiver.Url, [], includeControl, DateTimeOffset.UtcNow);
        await Pipeline.Service<AudienceSubscriptionTable>().SaveAsync(subscription, default);
        Receiver.Trust(subscription.Id, AudienceSubscriptionSecret.Derive(credentials.WebhookSecret, subscription.Id));
        return subscription;
    }

    private Task<AudienceNight> NightAsync(string shopId, DateOnly night) =>
        Pipeline.Service<SnapshotService>().ComputeAsync(shopId, night, default).ContinueWith(t => t.Result.Audiences, TaskScheduler.Default);

    private async Task<IReadOnlyList<AudienceDeliveryRecord>> OutboxAsync(string shopId) =>
        [.. (await Pipeline.Service<AudienceDeliveryTable>().ReadAsync(shopId, null, default)).Select(r => r.Record)];

    private async Task<IReadOnlyList<AudienceDeliveryRecord>> WaitAsync(string shopId, Func<IReadOnlyList<AudienceDeliveryRecord>, bool> done, string what)
    {
        for (var i = 0; i < 240; i++)
        {
            var outbox = await OutboxAsync(shopId);
            if (done(outbox)) return outbox;
            await Task.Delay(250);
        }
        var last = await OutboxAsync(shopId);
        throw new Xunit.Sdk.XunitException($"{what}: not within 60 s; outbox " + string.Join("; ", last.Select(r => $"{r.Status} {r.Attempts} {r.LastResult}")));
    }

    /// <summary>What the night should deliver: each treated entrant and leaver, as (audience, change, customer id).</summary>
    private static HashSet<(string, string, string)> Expected(AudienceNight night, bool includeControl = false) =>
    [
        .. night.Audiences.SelectMany(a => a.Entered.Select(m => ("entered", m)).Concat(a.Left.Select(m => ("left", m))))
            .Where(x => includeControl || x.m.Arm == HoldoutArm.Treated)
            .Select(x => (x.m.Audience, x.Item1, x.m.CustomerKey[2..])),
    ];

    /// <summary>What the receiver accepted (2xx, verified) for a subscription and night, each webhook-id once.</summary>
    private List<(string, string, string)> Accepted(AudienceSubscription subscription, DateOnly night) =>
    [
        .. Receiver.Requests.Where(r => r.Answered / 100 == 2 && r.Verified && Data(r).GetProperty("subscription").GetString() == subscription.Id
                                        && Data(r).GetProperty("night").GetString() == night.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .DistinctBy(r => r.WebhookId)
            .SelectMany(r => Data(r).GetProperty("changes").EnumerateArray().Select(c =>
                (Data(r).GetProperty("audience").GetString()!, c.GetProperty("change").GetString()!, c.GetProperty("customer_id").GetString()!))),
    ];

    private static JsonElement Data(WebhookReceiver.Received r) => r.Body.GetProperty("data");

    [Fact]
    public async Task Each_nights_changes_arrive_once_in_effect_through_a_receiver_that_is_down_refuses_and_goes_away()
    {
        const string shopId = "audience-a";
        var subscription = await ShopAsync(shopId, 31, nightBefore: Nights[0]);
        Assert.Empty(await OutboxAsync(shopId));                       // the night before the subscription sent nothing

        // Night 2 with the receiver down (503): retried with back-off, the same webhook-id each time, delivered once it is back.
        Receiver.Answer = 503;
        var second = await NightAsync(shopId, Nights[1]);
        var expected = Expected(second);
        Assert.NotEmpty(expected);
        await WaitAsync(shopId, o => o.Count > 0 && o.All(r => r.Attempts >= 2), "two failed attempts each");
        Receiver.Answer = 200;
        var delivered = await WaitAsync(shopId, o => o.All(r => r.Status == AudienceDeliveryStatus.Delivered), "delivered after the receiver came back");
        Assert.Equal(expected.Order(), Accepted(subscription, Nights[1]).Order());
        Assert.All(delivered, r => Assert.Equal("", r.Delivery.Body));
        var tries = Receiver.Requests.Where(r => delivered.Any(d => d.Delivery.Id == r.WebhookId)).GroupBy(r => r.WebhookId).ToList();
        Assert.All(tries, g => Assert.True(g.Count() >= 3, "each webhook-id was tried twice while down, then delivered"));
        Assert.All(tries, g => Assert.Single(g, r => r.Answered == 200));

        // The same night again: the same changes, already in the outbox, so nothing new goes out.
        var before = Receiver.Requests.Count;
        await NightAsync(shopId, Nights[1]);
        await Task.Delay(1500);
        Assert.Equal(before, Receiver.Requests.Count);
        Assert.Equal(delivered.Count, (await OutboxAsync(shopId)).Count);

        // Night 3 refused with 400: dead letters, listed; replayed after the fix, delivered.
        Receiver.Answer = 400;
        var third = await NightAsync(shopId, Nights[2]);
        var dead = await WaitAsync(shopId, o => o.Count(r => r.Delivery.Night == Nights[2] && r.Status == AudienceDeliveryStatus.Dead)
                                              == o.Count(r => r.Delivery.Night == Nights[2]) && o.Any(r => r.Delivery.Night == Nights[2]), "dead letters");
        Assert.All(dead.Where(r => r.Delivery.Night == Nights[2]), r => Assert.Equal((1, "HTTP 400"), (r.Attempts, r.LastResult)));
        Assert.Empty(Accepted(subscription, Nights[2]));
        Receiver.Answer = 200;
        var replayed = await Pipeline.Service<AudienceDeliveryService>().ReplayAsync(shopId, [], default);
        Assert.Equal(dead.Count(r => r.Delivery.Night == Nights[2]), replayed);
        await WaitAsync(shopId, o => o.All(r => r.Status == AudienceDeliveryStatus.Delivered), "replayed and delivered");
        Assert.Equal(Expected(third).Order(), Accepted(subscription, Nights[2]).Order());

        // Night 4 answered 410 Gone: the subscription is cancelled, and night 5 sends nothing.
        Receiver.Answer = 410;
        await NightAsync(shopId, Nights[3]);
        await WaitAsync(shopId, o => o.Where(r => r.Delivery.Night == Nights[3]).Any(r => r.Status == AudienceDeliveryStatus.Cancelled), "cancelled");
        var cancelled = await Pipeline.Service<AudienceSubscriptionTable>().FindAsync(shopId, subscription.Id, default);
        Assert.Contains("410", cancelled!.CancelledBecause);
        var count = (await OutboxAsync(shopId)).Count;
        await NightAsync(shopId, Nights[4]);
        Assert.Equal(count, (await OutboxAsync(shopId)).Count);
        Receiver.Answer = 200;
    }

    [Fact]
    public async Task Two_shops_never_see_each_others_members_and_control_members_go_only_when_asked_flagged()
    {
        var b = await ShopAsync("audience-b", 32, includeControl: true);
        var c = await ShopAsync("audience-c", 33);
        await NightAsync(b.ShopId, Nights[0]);
        await NightAsync(c.ShopId, Nights[0]);
        var nightB = await NightAsync(b.ShopId, Nights[1]);
        var nightC = await NightAsync(c.ShopId, Nights[1]);
        await WaitAsync(b.ShopId, o => o.Count > 0 && o.All(r => r.Status == AudienceDeliveryStatus.Delivered), "shop b delivered");
        await WaitAsync(c.ShopId, o => o.Count > 0 && o.All(r => r.Status == AudienceDeliveryStatus.Delivered), "shop c delivered");

        var gotB = Accepted(b, Nights[1]);
        var gotC = Accepted(c, Nights[1]);
        Assert.Equal(Expected(nightB, includeControl: true).Order(), gotB.Order());
        Assert.Equal(Expected(nightC).Order(), gotC.Order());
        Assert.All(gotB, x => Assert.StartsWith("audience-b-", x.Item3));
        Assert.All(gotC, x => Assert.StartsWith("audience-c-", x.Item3));

        // Control members reached b flagged, and never c.
        var flagged = Receiver.Requests.Where(r => r.Verified && Data(r).GetProperty("subscription").GetString() == b.Id)
            .SelectMany(r => Data(r).GetProperty("changes").EnumerateArray()).Where(x => x.GetProperty("control").GetBoolean()).ToList();
        Assert.NotEmpty(flagged);
        Assert.DoesNotContain(Receiver.Requests.Where(r => Data(r).GetProperty("subscription").GetString() == c.Id)
            .SelectMany(r => Data(r).GetProperty("changes").EnumerateArray()), x => x.GetProperty("control").GetBoolean());

        // A body of c's signed with b's secret would not verify: each subscription's secret is its own.
        var secretB = AudienceSubscriptionSecret.Derive(Pipeline.Service<Retention.Pipeline.Shops.ShopCredentialStore>().Find(b.ShopId)!.WebhookSecret, b.Id);
        var secretC = AudienceSubscriptionSecret.Derive(Pipeline.Service<Retention.Pipeline.Shops.ShopCredentialStore>().Find(c.ShopId)!.WebhookSecret, c.Id);
        Assert.NotEqual(secretB, secretC);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_retried_with_back_off_until_the_window_ends_then_dead_lettered()
    {
        var subscription = await ShopAsync("audience-d", 34, nightBefore: Nights[0]);
        // Nothing listens on port 9 (discard): every attempt is refused, a failure to retry, not a 4xx.
        await Pipeline.Service<AudienceSubscriptionTable>().SaveAsync(subscription with { Url = new Uri("http://127.0.0.1:9/hooks") }, default);
        await NightAsync(subscription.ShopId, Nights[1]);
        var dead = await WaitAsync(subscription.ShopId, o => o.Count > 0 && o.All(r => r.Status == AudienceDeliveryStatus.Dead), "retries exhausted");
        // The fixture retries after 1 s, doubling, for 20 s: 1 + 2 + 4 + 8 = 15 s of waits, so four or five attempts.
        Assert.All(dead, r => Assert.InRange(r.Attempts, 4, 5));
        Assert.All(dead, r => Assert.Contains("retries exhausted", r.LastResult));
        Assert.All(dead, r => Assert.Contains("no answer", r.LastResult));
        Assert.All(dead, r => Assert.NotEqual("", r.Delivery.Body));
    }
}
