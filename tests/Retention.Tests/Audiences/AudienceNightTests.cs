using Retention.Core.Audiences;

namespace Retention.Tests.Audiences;

/// <summary>
/// The night's members against the stays of the night before: who entered, who left, stays opened and closed, a night
/// run again from the same stays giving the same, and the built-in rules on customers made for each boundary.
/// </summary>
public class AudienceNightTests
{
    private static readonly DateOnly Night1 = new(2025, 5, 1);
    private static readonly DateOnly Night2 = new(2025, 5, 2);
    private static readonly HoldoutAssignment Holdout = new("salt", 0.25m);
    private static readonly AudienceBaseline Baseline = new(100m, 500, 30);

    private static AudienceCustomer C(string key, string? risk = null, decimal clv = 50m, int orders = 2, int days = 10, double? gap = 20,
        bool churned = false, double? predicted = null, bool keyCustomer = false) =>
        new(key, orders, days, orders >= 2 ? gap : null, churned, clv, predicted, predicted is null ? null : 0.5, risk, "loyal", keyCustomer);

    [Fact]
    public void Entered_and_left_are_the_change_against_the_night_before_and_the_stays_keep_every_entry()
    {
        var audiences = new[] { BuiltInAudiences.WinBack };
        var first = AudienceNight.Compute(Night1, audiences, [C("c:1", "high", 200m), C("c:2", "high", 300m), C("c:3", "low", 300m)], Baseline, [], Holdout);
        var winBack = Assert.Single(first.Audiences);
        Assert.Equal(["c:1", "c:2"], winBack.Members.Select(m => m.CustomerKey));
        Assert.Equal(["c:1", "c:2"], winBack.Entered.Select(m => m.CustomerKey));
        Assert.Empty(winBack.Left);

        // Night 2: c:1 is no longer at high risk, c:3 now is; c:2 stays.
        var second = AudienceNight.Compute(Night2, audiences, [C("c:1", "medium", 200m), C("c:2", "high", 300m), C("c:3", "high", 300m)], Baseline,
            first.Stays, Holdout);
        var tonight = Assert.Single(second.Audiences);
        Assert.Equal(["c:2", "c:3"], tonight.Members.Select(m => m.CustomerKey));
        Assert.Equal(["c:3"], tonight.Entered.Select(m => m.CustomerKey));
        var left = Assert.Single(tonight.Left);
        Assert.Equal(("c:1", Night1), (left.CustomerKey, left.EnteredOn));
        Assert.Equal(Night1, tonight.Members.Single(m => m.CustomerKey == "c:2").EnteredOn);
        Assert.Equal(Night2, tonight.Members.Single(m => m.CustomerKey == "c:3").EnteredOn);
        Assert.Equal(
            [new AudienceStay("win-back", "c:1", Night1, Night2), new AudienceStay("win-back", "c:2", Night1, null), new AudienceStay("win-back", "c:3", Night2, null)],
            second.Stays.OrderBy(s => s.CustomerKey, StringComparer.Ordinal));

        // Night 3: c:1 comes back: a new stay, the old one kept closed.
        var third = AudienceNight.Compute(Night2.AddDays(1), audiences, [C("c:1", "high", 200m), C("c:2", "high", 300m), C("c:3", "high", 300m)],
            Baseline, second.Stays, Holdout);
        Assert.Equal(["c:1"], third.Audiences[0].Entered.Select(m => m.CustomerKey));
        Assert.Equal(2, third.Stays.Count(s => s.CustomerKey == "c:1"));
    }

    [Fact]
    public void A_night_run_again_from_the_same_stays_gives_the_same_members_changes_and_stays()
    {
        var random = new Random(3);
        var customers = Enumerable.Range(0, 500).Select(i => C($"c:{i}", random.Next(3) == 0 ? "high" : "low", random.Next(0, 400), random.Next(1, 5),
            random.Next(0, 200), random.Next(5, 90), predicted: random.Next(0, 1000))).ToList();
        var before = AudienceNight.Compute(Night1, BuiltInAudiences.All, customers, Baseline, [], Holdout).Stays;
        var changed = customers.Select(c => c with { DaysSinceLastOrder = c.DaysSinceLastOrder + 15 }).ToList();
        var once = AudienceNight.Compute(Night2, BuiltInAudiences.All, changed, Baseline, before, Holdout);
        var again = AudienceNight.Compute(Night2, BuiltInAudiences.All, changed, Baseline, before, Holdout);
        Assert.Equal(once.Stays, again.Stays);
        foreach (var (a, b) in once.Audiences.Zip(again.Audiences))
        {
            Assert.Equal(a.Members, b.Members);
            Assert.Equal(a.Entered, b.Entered);
            Assert.Equal(a.Left, b.Left);
        }
        Assert.Contains(once.Audiences, a => a.Entered.Count > 0);
        Assert.Contains(once.Audiences, a => a.Left.Count > 0);
        // Arms are the holdout's, whatever the night.
        Assert.All(once.Audiences.SelectMany(a => a.Members), m => Assert.Equal(Holdout.ArmOf(m.Audience, m.CustomerKey), m.Arm));
    }

    [Fact]
    public void An_audience_no_longer_defined_drops_its_stays()
    {
        var first = AudienceNight.Compute(Night1, [BuiltInAudiences.Vip], [C("c:1", keyCustomer: true)], Baseline, [], Holdout);
        var second = AudienceNight.Compute(Night2, [BuiltInAudiences.WinBack], [C("c:1", keyCustomer: true)], Baseline, first.Stays, Holdout);
        Assert.Empty(second.Stays);
    }

    [Fact]
    public void The_built_in_rules_hold_at_their_boundaries()
    {
        bool In(AudienceDefinition audience, AudienceCustomer customer) => audience.Matches(customer, Baseline);

        // Win back: high risk and historic CLV strictly above the shop's median (100).
        Assert.True(In(BuiltInAudiences.WinBack, C("c:1", "high", 100.01m)));
        Assert.False(In(BuiltInAudiences.WinBack, C("c:1", "high", 100m)));
        Assert.False(In(BuiltInAudiences.WinBack, C("c:1", "medium", 500m)));
        Assert.False(In(BuiltInAudiences.WinBack, C("c:1", null, 500m)));

        // About to lapse: past their usual gap (20 days), not churned, two orders or more.
        Assert.True(In(BuiltInAudiences.AboutToLapse, C("c:1", days: 21, gap: 20)));
        Assert.False(In(BuiltInAudiences.AboutToLapse, C("c:1", days: 20, gap: 20)));
        Assert.False(In(BuiltInAudiences.AboutToLapse, C("c:1", days: 200, gap: 20, churned: true)));
        Assert.False(In(BuiltInAudiences.AboutToLapse, C("c:1", orders: 1, days: 50)));

        // Second-order nudge: one order, within the shop's median time to a second order (30).
        Assert.True(In(BuiltInAudiences.SecondOrderNudge, C("c:1", orders: 1, days: 30)));
        Assert.False(In(BuiltInAudiences.SecondOrderNudge, C("c:1", orders: 1, days: 31)));
        Assert.False(In(BuiltInAudiences.SecondOrderNudge, C("c:1", orders: 2, days: 3)));

        // High predicted value: at or above the 90th percentile (500).
        Assert.True(In(BuiltInAudiences.HighPredictedValue, C("c:1", predicted: 500)));
        Assert.False(In(BuiltInAudiences.HighPredictedValue, C("c:1", predicted: 499.99)));
        Assert.False(In(BuiltInAudiences.HighPredictedValue, C("c:1")));

        Assert.True(In(BuiltInAudiences.Vip, C("c:1", keyCustomer: true)));
        Assert.False(In(BuiltInAudiences.Vip, C("c:1")));
    }

    [Fact]
    public void The_baseline_is_the_shops_median_clv_top_decile_of_predictions_and_median_days_to_a_second_order()
    {
        var customers = Enumerable.Range(1, 10).Select(i => C($"c:{i}", clv: i * 10m, predicted: i * 100)).ToList();
        var baseline = AudienceBaseline.Of(customers, 17.5m);
        Assert.Equal(55m, baseline.MedianHistoricClv);
        Assert.Equal(900, baseline.TopDecilePredictedClv);
        Assert.Equal(18, baseline.SecondOrderWindowDays);
        Assert.Equal(AudienceBaseline.DefaultSecondOrderWindowDays, AudienceBaseline.Of(customers, null).SecondOrderWindowDays);
        Assert.Null(AudienceBaseline.Of([C("c:1")], null).TopDecilePredictedClv);
    }
}
