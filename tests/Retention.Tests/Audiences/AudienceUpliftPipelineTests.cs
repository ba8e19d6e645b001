using System.Net;
using Retention.Core.Audiences;
using Retention.Core.Audiences.Delivery;
using Retention.Core.Audiences.Uplift;
using Retention.Core.Generic;
using Retention.Core.Metrics;
using Retention.Core.Orders;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Tests.Support;

namespace Retention.Tests.Audiences;

/// <summary>
/// The measured uplift end to end, through the pipeline: a shop's first orders and reorders arrive as signed webhooks,
/// its nights run day by day, its audience's changes go to a real receiver, and the members the receiver got (the
/// treated arm, contacted) reorder within 30 days with probability 0.6 while the held-out control arm reorders with 0.2.
/// The night's measured 30-day uplift must find that effect: its interval contains the true 0.4 and excludes 0. (The
/// statistics over many seeds, with and without an effect, are <see cref="UpliftSimulationTests"/>.)
/// </summary>
public class AudienceUpliftPipelineTests(AudienceDeliveryFixture fixture) : IClassFixture<AudienceDeliveryFixture>
{
    private const string ShopId = "uplift-shop";
    private const string Audience = "first-timers";
    private const int Customers = 300;
    private const double TreatedReorder = 0.6, ControlReorder = 0.2;
    private static readonly DateOnly Start = new(2025, 3, 3);

    private PipelineHost Pipeline => fixture.Pipeline;

    private async Task SendOrderAsync(string credentialsSecret, string customer, string orderId, DateOnly day)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var body = GenericOrderEventWriter.Write(orderId, new GenericOrderEventWriter.Customer(customer, null), at, at, "EUR", 50m, OrderStatus.Paid);
        using var response = await Pipeline.PostGenericAsync(ShopId, body, credentialsSecret, "evt-" + orderId);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Treated_members_the_receiver_got_reorder_more_and_the_nights_measured_uplift_finds_the_true_effect()
    {
        var credentials = await Pipeline.RegisterShopAsync(ShopId, "UTC");
        var shops = Pipeline.Service<ShopDirectory>();
        var shop = (await shops.FindAsync(ShopId, default))!;
        await shops.SaveAsync(shop with { Settings = new RetentionSettings(ControlShare: 0.5m) }, default);
        var (audience, problem) = AudienceDefinition.Custom(Audience, ["orders=1", "days_since_last_order>=7"]);
        Assert.True(audience is not null, problem);
        await Pipeline.Service<AudienceTable>().SaveAsync(ShopId, audience, default);
        var subscription = new AudienceSubscription(ShopId, AudienceSubscription.NewId(), fixture.Receiver.Url, [Audience], false, DateTimeOffset.UtcNow);
        await Pipeline.Service<AudienceSubscriptionTable>().SaveAsync(subscription, default);
        fixture.Receiver.Trust(subscription.Id, AudienceSubscriptionSecret.Derive(credentials.WebhookSecret, subscription.Id));
        fixture.Receiver.Answer = 200;

        // First orders over 20 days; each customer enters the audience 7 days after theirs.
        for (var i = 0; i < Customers; i++) await SendOrderAsync(credentials.WebhookSecret, $"u{i}", $"first-{i}", Start.AddDays(i % 20));
        await Pipeline.DrainAsync();

        var random = new Random(2025);
        var reorders = new Dictionary<DateOnly, List<string>>();
        var treated = new HashSet<string>();
        var control = new HashSet<string>();
        AudienceNight? last = null;
        for (var night = Start.AddDays(7); night <= Start.AddDays(19 + 7 + 31); night = night.AddDays(1))
        {
            foreach (var customer in reorders.GetValueOrDefault(night) ?? [])
                await SendOrderAsync(credentials.WebhookSecret, customer, $"again-{customer}", night);
            await Pipeline.DrainAsync();
            last = (await Pipeline.Service<SnapshotService>().ComputeAsync(ShopId, night, default)).Audiences;
            await WaitForDeliveriesAsync();

            // The shop's tool contacts whom the receiver got; the held-out arm is only known to the night.
            var contacted = fixture.Receiver.Requests.Where(r => r.Verified && r.Answered == 200 && r.Body.GetProperty("data").GetProperty("subscription").GetString() == subscription.Id
                                                               && r.Body.GetProperty("data").GetProperty("night").GetString() == night.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .DistinctBy(r => r.WebhookId).SelectMany(r => r.Body.GetProperty("data").GetProperty("changes").EnumerateArray())
                .Where(c => c.GetProperty("change").GetString() == "entered").Select(c => c.GetProperty("customer_id").GetString()!).ToList();
            var heldOut = last.Audiences.Single(a => a.Audience.Name == Audience).Entered.Where(m => m.Arm == HoldoutArm.Control)
                .Select(m => m.CustomerKey[2..]).ToList();
            foreach (var (customer, p) in contacted.Select(c => (c, TreatedReorder)).Concat(heldOut.Select(c => (c, ControlReorder))))
            {
                (p == TreatedReorder ? treated : control).Add(customer);
                if (random.NextDouble() >= p) continue;
                var day = night.AddDays(random.Next(1, 21));
                if (!reorders.TryGetValue(day, out var list)) reorders[day] = list = [];
                list.Add(customer);
            }
        }

        // Every member entered once, in one arm, and the receiver never got a held-out one.
        Assert.Equal(Customers, treated.Count + control.Count);
        Assert.Empty(treated.Intersect(control));
        var row = last!.Uplift.Single(u => u.Audience == Audience && u.Cohort == AudienceUpliftRow.AllCohorts && u.WindowDays == 30);
        Assert.Equal((treated.Count, control.Count), (row.TreatedMembers, row.ControlMembers));
        Assert.Equal(UpliftStatus.Measured, row.Status);
        var uplift = row.Reorders!;
        Assert.True(uplift.UpliftLow <= 0.4m && 0.4m <= uplift.UpliftHigh,
            $"true uplift 0.4 outside the interval {uplift.UpliftLow} to {uplift.UpliftHigh} (treated {uplift.TreatedShare}, control {uplift.ControlShare})");
        Assert.True(uplift.UpliftLow > 0, $"the effect should be found: interval {uplift.UpliftLow} to {uplift.UpliftHigh}");
    }

    private async Task WaitForDeliveriesAsync()
    {
        var outbox = Pipeline.Service<AudienceDeliveryTable>();
        for (var i = 0; i < 200 && (await outbox.ReadAsync(ShopId, AudienceDeliveryStatus.Pending, default)).Count > 0; i++) await Task.Delay(100);
        Assert.Empty(await outbox.ReadAsync(ShopId, AudienceDeliveryStatus.Pending, default));
    }
}
