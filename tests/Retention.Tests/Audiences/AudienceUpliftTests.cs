using MathNet.Numerics.Distributions;
using Retention.Core.Audiences;
using Retention.Core.Audiences.Uplift;
using Retention.Core.Ledger;
using static Retention.Tests.Audiences.UpliftShop;

namespace Retention.Tests.Audiences;

public class AudienceUpliftTests
{
    private static IReadOnlyList<AudienceUpliftRow> Measure(DateOnly asOf, IReadOnlyList<AudienceStay> stays, IEnumerable<CustomerPurchases> purchases,
        decimal? grossMarginRate = null, decimal? spend = null) =>
        AudienceUplift.Measure(asOf, Audience, stays, ArmOf, purchases, grossMarginRate, spend);

    private static AudienceUpliftRow Row(IReadOnlyList<AudienceUpliftRow> rows, string cohort, int window) =>
        Assert.Single(rows, r => r.Cohort == cohort && r.WindowDays == window);

    [Fact]
    public void A_reorder_counts_in_the_windows_it_falls_in_and_a_purchase_on_the_entry_day_never()
    {
        var entered = D("2025-03-03");
        List<AudienceStay> stays = [Stay("t1", entered), Stay("t2", entered), Stay("t3", entered), Stay("t4", entered), Stay("t5", entered)];
        List<CustomerPurchases> purchases =
        [
            Buys("t1", (entered, 50m), (entered, 20m)),                   // two orders on the entry day: neither is a reorder
            Buys("t2", (entered, 50m), (entered.AddDays(30), 7m)),        // day +30: within 30, 60 and 90
            Buys("t3", (entered.AddDays(31), 11m)),                       // day +31: within 60 and 90 only
            Buys("t4", (entered.AddDays(-5), 3m), (entered.AddDays(61), 13m)), // before entering: nothing; day +61: 90 only
            Buys("t5", (entered, 9m), (entered.AddDays(91), 17m)),        // day +91: in no window, and not in the revenue
        ];
        var rows = Measure(entered.AddDays(91), stays, purchases);

        Assert.Equal([1, 2, 3], AudienceUplift.WindowDays.Select(w => Row(rows, "2025-W10", w).Reorders!.TreatedReordered));
        Assert.All(rows, r => Assert.Equal(5, r.TreatedMembers));
        var revenue = Row(rows, "2025-W10", 90).Revenue!;
        Assert.Equal(7m + 11m + 13m, revenue.TreatedRevenue);
        Assert.Equal(6.2m, revenue.TreatedPerMember);
        // Revenue is a 90-day figure: the 30- and 60-day rows have none.
        Assert.Null(Row(rows, "2025-W10", 30).Revenue);
        Assert.Null(Row(rows, "2025-W10", 60).Revenue);
    }

    [Fact]
    public void A_customer_counts_once_from_their_first_entry_whatever_happened_after()
    {
        List<AudienceStay> stays =
        [
            Stay("t1", D("2025-04-14")),                     // came back in W16 …
            Stay("t1", D("2025-03-03"), D("2025-03-10")),    // … after a first stay in W10 (stays come in any order)
            Stay("c1", D("2025-03-05"), D("2025-03-06")),    // a leaver still counts, in their arm
            new AudienceStay("vip", "t9", D("2025-03-03"), null), // another audience
            Stay("t8", D("2025-07-01")),                     // entered after the as-of day
        ];
        List<CustomerPurchases> purchases =
        [
            Buys("c1", (D("2025-03-05"), 30m)),
            // Day +17, while out of the audience, and day +48, after coming back: both count from the first entry.
            Buys("t1", (D("2025-03-20"), 10m), (D("2025-04-20"), 5m)),
            Buys("t9", (D("2025-03-04"), 99m)),
        ];
        var rows = Measure(D("2025-06-30"), stays, purchases);

        Assert.Equal(["all", "2025-W10"], rows.Select(r => r.Cohort).Distinct());
        var week = Row(rows, "2025-W10", 90);
        Assert.Equal((1, 1), (week.TreatedMembers, week.ControlMembers));
        Assert.Equal(D("2025-03-03"), week.CohortStart);
        Assert.Equal(1, Row(rows, "2025-W10", 30).Reorders!.TreatedReordered);
        Assert.Equal(0, Row(rows, "2025-W10", 30).Reorders!.ControlReordered);
        Assert.Equal(15m, week.Revenue!.TreatedRevenue);
        Assert.Equal(0m, week.Revenue.ControlRevenue);
    }

    [Fact]
    public void A_member_the_purchases_do_not_know_counts_as_one_who_did_not_come_back()
    {
        var rows = Measure(D("2025-06-30"), [Stay("t1", D("2025-03-03")), Stay("t2", D("2025-03-03"))],
            [Buys("t1", (D("2025-03-10"), 8m))]);
        var row = Row(rows, "2025-W10", 90);
        Assert.Equal(2, row.TreatedMembers);
        Assert.Equal(0.5m, row.Reorders!.TreatedShare);
        Assert.Equal(4m, row.Revenue!.TreatedPerMember);
    }

    [Fact]
    public void A_cohort_is_too_early_until_its_last_member_has_had_the_whole_window()
    {
        // W10: t1 Monday 03-03, c1 Wednesday 03-05 (the last entry); W11: t2 Monday 03-10.
        List<AudienceStay> stays = [Stay("t1", D("2025-03-03")), Stay("c1", D("2025-03-05")), Stay("t2", D("2025-03-10"))];
        List<CustomerPurchases> purchases = [Buys("c1", (D("2025-03-06"), 5m)), Buys("t1", (D("2025-03-04"), 5m))];

        var before = Measure(D("2025-04-03"), stays, purchases);
        var early = Row(before, "2025-W10", 30);
        Assert.Equal((UpliftStatus.TooEarly, "too early (measurable on 2025-04-04)"), (early.Status, early.Verdict));
        Assert.Equal((1, 1), (early.TreatedMembers, early.ControlMembers));
        Assert.Null(early.Reorders);
        Assert.Null(early.Revenue);
        var pooledEarly = Row(before, "all", 30);
        Assert.Equal((UpliftStatus.TooEarly, "too early (measurable on 2025-04-04)"), (pooledEarly.Status, pooledEarly.Verdict));
        Assert.Equal((2, 1), (pooledEarly.TreatedMembers, pooledEarly.ControlMembers));

        var after = Measure(D("2025-04-04"), stays, purchases);
        Assert.Equal(UpliftStatus.TooFew, Row(after, "2025-W10", 30).Status);
        Assert.Equal((1, 1), (Row(after, "2025-W10", 30).Reorders!.TreatedReordered, Row(after, "2025-W10", 30).Reorders!.ControlReordered));
        Assert.Equal("too early (measurable on 2025-05-04)", Row(after, "2025-W10", 60).Verdict);
        Assert.Equal("too early (measurable on 2025-06-03)", Row(after, "2025-W10", 90).Verdict);
        Assert.Equal("too early (measurable on 2025-04-09)", Row(after, "2025-W11", 30).Verdict);
        // The pooled row holds the measured cohort only, so it adds up with the cohort rows.
        var pooled = Row(after, "all", 30);
        Assert.Equal((1, 1, D("2025-04-04")), (pooled.TreatedMembers, pooled.ControlMembers, pooled.MeasurableOn));
        Assert.Equal(Row(after, "2025-W10", 30).Reorders, pooled.Reorders);
    }

    [Fact]
    public void Too_few_members_says_so_with_the_numbers_and_keeps_the_point_estimate()
    {
        var entered = D("2025-03-03");
        var (stays, purchases) = Together(Arm("t", 40, 20, entered), Arm("c", 4, 2, entered));
        var row = Row(Measure(entered.AddDays(90), stays, purchases), "all", 30);

        Assert.Equal(UpliftStatus.TooFew, row.Status);
        Assert.Equal("too few members: control has 4 members: at least 30 per arm are needed for an interval", row.Verdict);
        Assert.Equal(new ReorderUplift(20, 2, 0.5m, 0.5m, 0m, null, null), row.Reorders);
        var revenue = Row(Measure(entered.AddDays(90), stays, purchases), "all", 90).Revenue!;
        Assert.Equal((12.5m, 12.5m, 0m, 0m), (revenue.TreatedPerMember!.Value, revenue.ControlPerMember!.Value, revenue.IncrementalPerMember!.Value,
            revenue.IncrementalRevenue!.Value));
        Assert.Null(revenue.IncrementalPerMemberLow);
        Assert.Null(revenue.IncrementalRevenueHigh);
    }

    [Fact]
    public void Too_few_reorders_in_an_arm_says_so_with_the_numbers()
    {
        var entered = D("2025-03-03");
        var (stays, purchases) = Together(Arm("t", 40, 20, entered), Arm("c", 40, 3, entered));
        var row = Row(Measure(entered.AddDays(90), stays, purchases), "2025-W10", 30);

        Assert.Equal(UpliftStatus.TooFew, row.Status);
        Assert.Equal("too few members: control has 3 who ordered again within 30 days and 37 who did not: at least 5 of each per arm are needed for an interval",
            row.Verdict);
        Assert.Equal(0.425m, row.Reorders!.Uplift);
        Assert.Null(row.Reorders.UpliftLow);

        // Both arms short of members: both are named.
        var (few, fewPurchases) = Together(Arm("t", 12, 6, entered), Arm("c", 2, 1, entered));
        Assert.Equal("too few members: treated has 12 members and control has 2 members: at least 30 per arm are needed for an interval",
            Row(Measure(entered.AddDays(90), few, fewPurchases), "all", 60).Verdict);
    }

    [Fact]
    public void The_uplift_and_its_interval_are_newcombes_on_the_arms_counts()
    {
        // Newcombe's Table II example (a) as an audience: 56 of 70 treated and 48 of 80 control ordered again.
        var entered = D("2025-03-03");
        var (stays, purchases) = Together(Arm("t", 70, 56, entered), Arm("c", 80, 48, entered));
        var row = Row(Measure(entered.AddDays(30), stays, purchases), "all", 30);

        Assert.Equal((UpliftStatus.Measured, "measured"), (row.Status, row.Verdict));
        var reorders = row.Reorders!;
        Assert.Equal((56, 48, 0.8m, 0.6m, 0.2m), (reorders.TreatedReordered, reorders.ControlReordered, reorders.TreatedShare!.Value,
            reorders.ControlShare!.Value, reorders.Uplift!.Value));
        Assert.Equal(0.0524, (double)reorders.UpliftLow!.Value, 0.00005);
        Assert.Equal(0.3339, (double)reorders.UpliftHigh!.Value, 0.00005);
    }

    [Fact]
    public void The_revenue_uplift_is_a_welch_interval_and_the_return_scales_it_by_margin_over_spend()
    {
        // W02 (Monday 01-06): 35 treated, the first 28 spending (i mod 4 + 1) × 12.50 on day +20; 30 control, the first 20
        // spending (i mod 2 + 1) × 10. W15 (04-07): 35 more treated, too early on 04-10. The spend of 700 was for all 70
        // treated: 350 is W02's.
        var (stays, purchases) = Together(
            Arm("t", 35, 28, D("2025-01-06"), 20, i => (i % 4 + 1) * 12.50m),
            Arm("c", 30, 20, D("2025-01-06"), 20, i => (i % 2 + 1) * 10m),
            Arm("u", 35, 0, D("2025-04-07")));
        var rows = Measure(D("2025-04-10"), stays, purchases, grossMarginRate: 0.4m, spend: 700m);
        var row = Row(rows, "all", 90);
        Assert.Equal(UpliftStatus.Measured, row.Status);
        Assert.Equal((35, 30), (row.TreatedMembers, row.ControlMembers));

        // Directly: the arms' 90-day revenue per member, their means and sample variances, Welch's se and ν.
        var treated = Enumerable.Range(0, 35).Select(i => i < 28 ? (i % 4 + 1) * 12.5 : 0).ToArray();
        var control = Enumerable.Range(0, 30).Select(i => i < 20 ? (i % 2 + 1) * 10.0 : 0).ToArray();
        double meanT = treated.Average(), meanC = control.Average();
        var termT = treated.Sum(x => (x - meanT) * (x - meanT)) / 34 / 35;
        var termC = control.Sum(x => (x - meanC) * (x - meanC)) / 29 / 30;
        var se = Math.Sqrt(termT + termC);
        var freedom = (termT + termC) * (termT + termC) / (termT * termT / 34 + termC * termC / 29);
        var half = StudentT.InvCDF(0, 1, freedom, 0.975) * se;
        var difference = meanT - meanC;

        var revenue = row.Revenue!;
        Assert.Equal((875m, 300m, 25m, 10m, 15m), (revenue.TreatedRevenue, revenue.ControlRevenue, revenue.TreatedPerMember!.Value,
            revenue.ControlPerMember!.Value, revenue.IncrementalPerMember!.Value));
        Assert.Equal(difference - half, (double)revenue.IncrementalPerMemberLow!.Value, 0.0001);
        Assert.Equal(difference + half, (double)revenue.IncrementalPerMemberHigh!.Value, 0.0001);
        // Incremental revenue: the difference × the 35 treated; the return: that × 0.4 / 350.
        Assert.Equal(525m, revenue.IncrementalRevenue);
        Assert.Equal((difference - half) * 35, (double)revenue.IncrementalRevenueLow!.Value, 0.0001);
        Assert.Equal((difference + half) * 35, (double)revenue.IncrementalRevenueHigh!.Value, 0.0001);
        Assert.Equal((350m, 0.4m), (revenue.Spend!.Value, revenue.GrossMarginRate!.Value));
        Assert.Equal(0.6m, revenue.Roi);
        Assert.Equal((difference - half) * 35 * 0.4 / 350, (double)revenue.RoiLow!.Value, 0.000001);
        Assert.Equal((difference + half) * 35 * 0.4 / 350, (double)revenue.RoiHigh!.Value, 0.000001);

        // No return without spend or without a margin; the rest stands.
        var noSpend = Row(Measure(D("2025-04-10"), stays, purchases, grossMarginRate: 0.4m), "all", 90).Revenue!;
        Assert.Equal((null, null, null, null), (noSpend.Spend, noSpend.Roi, noSpend.RoiLow, noSpend.RoiHigh));
        Assert.Equal(525m, noSpend.IncrementalRevenue);
        var noMargin = Row(Measure(D("2025-04-10"), stays, purchases, spend: 700m), "all", 90).Revenue!;
        Assert.Equal((350m, null, null), (noMargin.Spend!.Value, noMargin.Roi, noMargin.RoiLow));
    }

    [Fact]
    public void The_pooled_rows_come_first_and_add_up_the_measured_cohorts()
    {
        var (stays, purchases) = Together(
            Arm("t", 40, 12, D("2025-01-06")), Arm("c", 35, 7, D("2025-01-06")),
            Arm("tb", 50, 30, D("2025-01-15")), Arm("cb", 31, 10, D("2025-01-15")));
        var rows = Measure(D("2025-06-30"), stays, purchases);

        Assert.Equal(9, rows.Count);
        Assert.Equal(["all", "all", "all", "2025-W02", "2025-W02", "2025-W02", "2025-W03", "2025-W03", "2025-W03"], rows.Select(r => r.Cohort));
        Assert.Equal([30, 60, 90, 30, 60, 90, 30, 60, 90], rows.Select(r => r.WindowDays));
        Assert.Equal([null, null, null, D("2025-01-06"), D("2025-01-06"), D("2025-01-06"), D("2025-01-13"), D("2025-01-13"), D("2025-01-13")],
            rows.Select(r => r.CohortStart));
        var pooled = Row(rows, "all", 30);
        Assert.Equal((90, 66, 42, 17), (pooled.TreatedMembers, pooled.ControlMembers, pooled.Reorders!.TreatedReordered, pooled.Reorders.ControlReordered));
        Assert.Equal(Math.Round(42m / 90 - 17m / 66, 6), pooled.Reorders.Uplift);
        Assert.Equal(D("2025-02-05"), pooled.MeasurableOn); // W02's only entry day, 01-06, + 30
    }

    [Fact]
    public void The_holdout_gives_the_arms_and_the_cohort_is_the_iso_week()
    {
        // Tuesday 2024-12-31 is in 2025-W01, which starts on Monday 2024-12-30.
        var holdout = new HoldoutAssignment("salt", 0.5m);
        var stays = Enumerable.Range(0, 60).Select(i => Stay($"k{i:D2}", D("2024-12-31"))).ToList();
        var rows = AudienceUplift.Measure(D("2025-06-30"), Audience, stays, holdout, [], null, null);

        var row = Row(rows, "2025-W01", 30);
        Assert.Equal(D("2024-12-30"), row.CohortStart);
        var control = stays.Count(s => holdout.ArmOf(Audience, s.CustomerKey) == HoldoutArm.Control);
        Assert.Equal((60 - control, control), (row.TreatedMembers, row.ControlMembers));
    }

    [Fact]
    public void An_audience_nobody_entered_has_no_rows_and_settings_no_figure_could_mean_are_refused()
    {
        Assert.Empty(Measure(D("2025-06-30"), [new AudienceStay("vip", "t1", D("2025-01-01"), null)], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Measure(D("2025-06-30"), [], [], grossMarginRate: 1.5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Measure(D("2025-06-30"), [], [], spend: -1m));
    }

    [Fact]
    public void A_customer_entering_on_the_night_has_no_outcome_yet_so_the_night_needs_only_the_purchases_of_earlier_entrants()
    {
        var asOf = D("2025-05-05");
        List<AudienceStay> stays =
        [
            Stay("t1", D("2025-03-03")), Stay("c1", D("2025-03-04")),
            Stay("t2", asOf), Stay("c2", asOf), // tonight's newcomers, who bought up to and on the night
        ];
        List<CustomerPurchases> everyone =
        [
            Buys("c1", (D("2025-03-20"), 30m)),
            Buys("c2", (D("2025-01-02"), 12m), (asOf, 40m)),
            Buys("t1", (D("2025-03-10"), 10m), (D("2025-04-20"), 5m)),
            Buys("t2", (D("2025-02-01"), 8m), (asOf, 25m)),
        ];
        var enteredBefore = everyone.Where(c => c.CustomerKey is "t1" or "c1").ToList();

        var rows = Measure(asOf, stays, everyone);
        Assert.Contains(rows, r => r.TreatedMembers == 2); // the newcomers are members of the night's cohort all the same
        Assert.Equal(rows, Measure(asOf, stays, enteredBefore));
    }

    [Fact]
    public void The_audiences_take_from_the_ledger_the_purchases_of_those_in_the_stays_before_and_first_orders_only_when_a_rule_reads_them()
    {
        var shop = new Retention.Core.Shops.Shop("ledger-facts", "UTC", "EUR", DateTimeOffset.UnixEpoch);
        var orders = Enumerable.Range(1, 3).Select(n => $"c:{n}").Select((key, i) =>
        {
            var at = new DateTimeOffset(2025, 3, 1 + i, 12, 0, 0, TimeSpan.Zero);
            return new Retention.Core.Orders.NormalizedOrder(shop.Id, $"o{i}", key, at, at, "EUR", 20m + i, Retention.Core.Orders.OrderStatus.Paid, null, [],
                false, "test", $"e{i}");
        }).ToList();
        var ledger = OrderLedger.Build(shop, orders);
        var asOf = D("2025-03-31");
        var byRecency = AudienceDefinition.Custom("lapsed", ["days_since_last_order>=20"]).Audience!;
        var byChannel = AudienceDefinition.Custom("web-first", ["first_channel=web"]).Audience!;
        Assert.False(byRecency.NeedsFirstOrder);
        Assert.True(byChannel.NeedsFirstOrder);

        var facts = AudienceLedgerFacts.Of(ledger, asOf, [byRecency], [new AudienceStay("lapsed", "c:2", D("2025-03-25"), null)]);
        Assert.Equal(["c:2"], facts.EnteredBefore.Select(c => c.CustomerKey));
        Assert.Null(facts.FirstOrders);

        var withFirsts = AudienceLedgerFacts.Of(ledger, asOf, [byRecency, byChannel], []);
        Assert.Empty(withFirsts.EnteredBefore);
        Assert.Equal(["c:1", "c:2", "c:3"], withFirsts.FirstOrders!.Keys.Order(StringComparer.Ordinal));
        Assert.Same(AudienceLedgerFacts.None, AudienceLedgerFacts.Of(ledger, asOf, [], []));
    }
}
