using System.Globalization;
using Retention.Core.Datasets;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Products;
using Retention.Core.Orders;
using Retention.Core.Spend;
using static Retention.Tests.Spend.ChannelPaybackShop;

namespace Retention.Tests.Spend;

/// <summary>
/// LTV:CAC and payback by channel (<see cref="ChannelPayback"/>, <c>docs/metrics.md</c>) on <see cref="ChannelPaybackShop"/>,
/// every expected value worked out here from the shop's own amounts. Value = net revenue × 0.4 (the shop's margin).
/// </summary>
public class ChannelPaybackTests
{
    private static NightlyFigures Night(IReadOnlyList<ChannelSpend>? channelSpend) =>
        NightlyFigures.Compute(Shop, OrderLedger.Build(Shop, Orders()), ProductCatalog.Empty, RetentionSpend(), [], AsOf, channelSpend);

    private static ChannelPaybackRow Expected(string channel, DateOnly? month, int customers, decimal spend, decimal? cac, int observed,
        decimal? m1, decimal? m3, decimal? m6, decimal? m12, decimal? ltvToCac, int? payback, string status) =>
        new(channel, month, customers, spend, cac, observed, [m1, null, m3, null, null, m6, null, null, null, null, null, m12], ltvToCac, payback, status);

    /// <summary>What a row says, with the columns the dataset shows (months 1, 3, 6, 12) and nothing the test did not work out.</summary>
    private static string Shown(ChannelPaybackRow r) =>
        $"{r.Channel} {Text(r.AcquisitionMonth)} n={r.NewCustomers} spend={Text(r.Spend)} cac={Text(r.Cac)} observed={r.MonthsObserved} " +
        $"v1={Text(r.ValueAt(1))} v3={Text(r.ValueAt(3))} v6={Text(r.ValueAt(6))} v12={Text(r.ValueAt(12))} ltv:cac={Text(r.LtvToCac12m)} " +
        $"payback={r.PaybackMonth?.ToString(CultureInfo.InvariantCulture) ?? "null"} {r.PaybackStatus}";

    [Fact]
    public void Each_channel_and_acquisition_month_has_the_hand_computed_cac_value_ltv_to_cac_and_payback()
    {
        var rows = Night(ChannelSpend()).ChannelPayback;

        // Months observed: every customer of the month has lived m whole months when (the month's last day + m months) ≤ as-of + 1 day = 2025-03-16.
        //   2024-01: 2024-01-31 + 12 = 2025-01-31 → 12.   2024-05: 2024-05-31 + 9 = 2025-02-28, + 10 = 2025-03-31 → 9.
        //   2024-06: 2024-06-30 + 8 = 2025-02-28, + 9 = 2025-03-30 → 8.   2025-02: 2025-02-28 + 1 = 2025-03-28 → 0.
        //
        // google / cpc 2024-01: g1, g2, g3 (g6's google order was refunded in full: not a purchase). Spend 300 → CAC 300 / 3 = 100.
        //   net within 1 month:  g1 100 + 50 (02-09 < 02-10) = 150; g2 60 (02-29 is not < 01-31 + 1 month = 02-29); g3 40 → 250
        //   within 3 months:     g1 150 (04-10 is not < 04-10); g2 60 + 40 = 100; g3 40 → 290
        //   within 6 months:     g1 150 + 80 = 230; g2 100; g3 40 → 370
        //   within 12 months:    g1 230 + 200 (2025-01-09 < 2025-01-10) = 430; g2 100; g3 40 (2025-01-20 is not < 2025-01-20) → 570
        //   × 0.4 = 100, 116, 148, 228; per customer 33.3333, 38.6667, 49.3333, 76. LTV:CAC = 76 / 100 = 0.76.
        //   228 < 300 spent after all 12 months: not within 12 months.
        // google / cpc 2024-06: spend 40, nobody acquired.
        // google / cpc 2025-02: g4, g5; spend 90 → CAC 45; no whole month yet: not yet.
        // google / cpc, all months: 5 customers, spend 300 + 40 + 90 = 430 (April 2025's 999 is after the as-of month) → CAC 86;
        //   values from the only cohort observed that long (2024-01); LTV:CAC = 76 / 86 = 0.883721; 76 < 86: not within 12 months.
        // newsletter / email 2024-01: n1; spend 50 → CAC 50. Within 1 month 100 → 40; within 2 months 100 + 200 (03-01 < 03-05) → 120 ≥ 50:
        //   payback month 2; 3, 6, 12 months: 120. LTV:CAC = 120 / 50 = 2.4.
        // newsletter / email 2024-05: g6 (first purchase 2024-05-02, 60 → 24), no spend.
        // newsletter / email, all months: 2 customers, spend 50 → CAC 25. 1 month: (40 + 24) / 2 = 32 ≥ 25: payback month 1;
        //   3 and 6 months (120 + 24) / 2 = 72; 12 months only n1 has been observed that long: 120. LTV:CAC = 120 / 25 = 4.8.
        // (direct) / (none) 2024-06: d1, 80 → 32 at 1, 3, 6 months; 12 not observed; no spend.
        DateOnly? all = null;
        ChannelPaybackRow[] expected =
        [
            Expected(Direct, new(2024, 6, 1), 1, 0m, null, 8, 32m, 32m, 32m, null, null, null, ChannelPayback.NoSpend),
            Expected(Direct, all, 1, 0m, null, 8, 32m, 32m, 32m, null, null, null, ChannelPayback.NoSpend),
            Expected(GoogleAds, new(2024, 1, 1), 3, 300m, 100m, 12, 33.3333m, 38.6667m, 49.3333m, 76m, 0.76m, null, ChannelPayback.NotWithinHorizon),
            Expected(GoogleAds, new(2024, 6, 1), 0, 40m, null, 8, null, null, null, null, null, null, ChannelPayback.NoCustomers),
            Expected(GoogleAds, new(2025, 2, 1), 2, 90m, 45m, 0, null, null, null, null, null, null, ChannelPayback.NotYet),
            Expected(GoogleAds, all, 5, 430m, 86m, 12, 33.3333m, 38.6667m, 49.3333m, 76m, 0.883721m, null, ChannelPayback.NotWithinHorizon),
            Expected(Newsletter, new(2024, 1, 1), 1, 50m, 50m, 12, 40m, 120m, 120m, 120m, 2.4m, 2, ChannelPayback.PaidBack),
            Expected(Newsletter, new(2024, 5, 1), 1, 0m, null, 9, 24m, 24m, 24m, null, null, null, ChannelPayback.NoSpend),
            Expected(Newsletter, all, 2, 50m, 25m, 12, 32m, 72m, 72m, 120m, 4.8m, 1, ChannelPayback.PaidBack),
        ];
        Assert.Equal(expected.Select(Shown), rows.Select(Shown));
    }

    [Fact]
    public void Without_a_gross_margin_the_value_is_net_revenue_and_says_so()
    {
        var shop = Shop with { Settings = Shop.RetentionSettings with { GrossMarginRate = null } };
        var night = NightlyFigures.Compute(shop, OrderLedger.Build(shop, Orders()), ProductCatalog.Empty, RetentionSpend(), [], AsOf, ChannelSpend());

        // google / cpc 2024-01 on net revenue: 250 / 3, 290 / 3, 370 / 3, 570 / 3 = 190; LTV:CAC 190 / 100 = 1.9; 570 ≥ 300 first at
        // 12 months (within 6 months 370 ≥ 300 already: g1's 80 on 2024-04-10 is within 4 months) → 370 at 4 months ≥ 300: month 4.
        var google = Assert.Single(night.ChannelPayback, r => r is { Channel: GoogleAds, AcquisitionMonth.Month: 1 });
        Assert.Equal(("83.3333", "96.6667", "123.3333", "190"), (Text(google.ValueAt(1)), Text(google.ValueAt(3)), Text(google.ValueAt(6)), Text(google.ValueAt(12))));
        Assert.Equal((1.9m, 4, ChannelPayback.PaidBack), (google.LtvToCac12m!.Value, google.PaybackMonth!.Value, google.PaybackStatus));
        // newsletter / email 2024-01: 100 ≥ 50 within 1 month.
        Assert.Equal(1, Assert.Single(night.ChannelPayback, r => r is { Channel: Newsletter, AcquisitionMonth.Month: 1 }).PaybackMonth);

        var basis = NightlyDatasets.ChannelPayback.ColumnIndex("value_basis");
        Assert.All(NightlyDatasets.ChannelPayback.RowsOf(night).Rows, row => Assert.Equal("net_revenue", row[basis]));
        Assert.All(NightlyDatasets.ChannelPayback.RowsOf(Night(ChannelSpend())).Rows, row => Assert.Equal("gross_margin", row[basis]));
    }

    [Fact]
    public void Spend_with_a_channel_leaves_the_cost_of_retention_as_it_was()
    {
        var without = Night(null).Cost;
        var with = Night(ChannelSpend()).Cost;
        Assert.Equal(without, with);

        // February 2024, the only month of retention spend (70): new customers 0 (everybody bought first in January; g6's January order
        // is refunded), active at the month's end with N = 90: g1 (02-09), g2 (02-29), g3 (01-20), n1 (01-05, 55 days) → retained 4,
        // cost 70 / 4 = 17.5. Returning revenue: g1 50 + g2 40 = 90 → ROI (90 − 70) / 70 = 0.285714. No channel's spend is in it.
        var february = Assert.Single(with, m => m.Month == new DateOnly(2024, 2, 1));
        Assert.Equal(new RetentionCostMonth(new DateOnly(2024, 2, 1), 70m, 4, 17.5m, 90m, 0.285714m), february);
        Assert.All(with.Where(m => m.Month != february.Month), m => Assert.Equal(0m, m.Spend));
    }

    [Fact]
    public void Channels_without_spend_past_the_cut_are_pooled_as_other_and_channels_with_spend_are_always_kept()
    {
        var ledger = OrderLedger.Build(Shop, Orders());
        var rows = ChannelPayback.Compute(ledger.CustomersAsOf(AsOf), ChannelSpend(), 0.4m, AsOf, keptChannels: 0);

        // GoogleAds and the newsletter have spend; direct (1 customer) is past a cut of 0 channels without spend.
        Assert.Equal([ChannelPayback.Other, GoogleAds, Newsletter], rows.Select(r => r.Channel).Distinct());
        var other = Assert.Single(rows, r => r is { Channel: ChannelPayback.Other, AcquisitionMonth: null });
        Assert.Equal((1, 32m), (other.NewCustomers, other.ValueAt(1)!.Value));
    }

    [Theory]
    [InlineData("google / cpc", "google / cpc")]
    [InlineData("  Google / CPC ", "google / cpc")]
    [InlineData("(direct) / (none)", "(direct) / (none)")]
    [InlineData("instagram.com / referral", "instagram.com / referral")]
    public void A_spend_channel_is_named_as_the_figures_name_an_orders_channel(string text, string label)
    {
        Assert.Equal((label, null), SpendChannel.Read(text));
        Assert.Contains(OrderLabel(text), new[] { label });
    }

    [Theory]
    [InlineData("google")]
    [InlineData("google/cpc")]
    [InlineData("google / ")]
    [InlineData(" / cpc")]
    [InlineData("google / cpc\n")]
    public void A_spend_channel_that_is_not_source_slash_medium_is_refused(string text)
    {
        var (label, problem) = SpendChannel.Read(text);
        Assert.Null(label);
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_spend_channel_side_longer_than_an_orders_is_refused()
    {
        Assert.NotNull(SpendChannel.Read(new string('s', 101) + " / cpc").Problem);
        Assert.Equal((new string('s', 100) + " / cpc", null), SpendChannel.Read(new string('S', 100) + " / cpc"));
    }

    /// <summary>The label an order with these UTM source and medium gets.</summary>
    private static string OrderLabel(string text)
    {
        var at = text.IndexOf(" / ", StringComparison.Ordinal);
        return OrderChannel.From(text[..at], text[(at + 3)..], null, null, null, isStorefront: true).Label;
    }

    private static string Text(decimal? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "null";

    private static string Text(DateOnly? month) => month?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "all";
}
