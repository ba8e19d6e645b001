using Retention.Core.Ledger;
using Retention.Core.Metrics;

namespace Retention.Core.Spend;

/// <summary>
/// What a channel's customers cost and what they brought back (<c>docs/metrics.md</c>, "LTV:CAC and payback by channel"):
/// one row per channel and acquisition month, and one per channel with <see cref="AcquisitionMonth"/> null for all its
/// months together. <c>ValuePerCustomer[m - 1]</c> is the cumulative value per acquired customer m months after
/// acquisition, for m = 1 … 12, null when the row has not been observed that long.
/// </summary>
public sealed record ChannelPaybackRow(
    string Channel,
    DateOnly? AcquisitionMonth,
    int NewCustomers,
    decimal Spend,
    decimal? Cac,
    int MonthsObserved,
    IReadOnlyList<decimal?> ValuePerCustomer,
    decimal? LtvToCac12m,
    int? PaybackMonth,
    string PaybackStatus)
{
    public decimal? ValueAt(int months) => ValuePerCustomer[months - 1];
}

public static class ChannelPayback
{
    public const int Horizon = 12;

    /// <summary>The channel of the customers of the channels past the cut (<see cref="Compute"/>): no label of an order has no " / ".</summary>
    public const string Other = "(other)";

    public const string PaidBack = "paid back";
    public const string NotYet = "not yet";
    public const string NotWithinHorizon = "not within 12 months";
    public const string NoSpend = "no spend";
    public const string NoCustomers = "no customers";

    /// <summary>What the value columns measure: gross margin when the shop has set a rate, else net revenue.</summary>
    public static string ValueBasis(decimal? grossMarginRate) => grossMarginRate is null ? "net_revenue" : "gross_margin";

    /// <param name="customers">every customer's purchases as of <paramref name="asOf"/> (<see cref="OrderLedger.CustomersAsOf"/>).</param>
    /// <param name="spend">acquisition spend per channel and month; months after the as-of month are not yet spent and are left out.</param>
    /// <param name="keptChannels">
    /// channels without spend beyond this many (by new customers, then label) are pooled as <see cref="Other"/>: a shop with
    /// hundreds of referring sites gets a readable table. A channel with spend is always kept.
    /// </param>
    public static IReadOnlyList<ChannelPaybackRow> Compute(IEnumerable<CustomerPurchases> customers, IReadOnlyList<ChannelSpend> spend,
        decimal? grossMarginRate, DateOnly asOf, int keptChannels = 25)
    {
        var lastMonth = CalendarPeriods.MonthIndex(asOf);
        var cohorts = new Dictionary<(string Channel, int Month), Cohort>();
        foreach (var customer in customers)
        {
            var first = customer.First;
            var channel = first.Facets.Channel;
            var firstDay = first.OrderedOn;
            var key = (channel, CalendarPeriods.MonthIndex(firstDay));
            if (!cohorts.TryGetValue(key, out var cohort)) cohorts[key] = cohort = new Cohort();
            cohort.Add(customer.Purchases, firstDay);
        }
        foreach (var entry in spend)
        {
            var month = CalendarPeriods.MonthIndex(entry.Month);
            if (month > lastMonth) continue;
            var key = (entry.Channel, month);
            if (!cohorts.TryGetValue(key, out var cohort)) cohorts[key] = cohort = new Cohort();
            cohort.Spend += entry.Amount;
        }

        var spent = cohorts.Where(c => c.Value.Spend > 0).Select(c => c.Key.Channel).ToHashSet(StringComparer.Ordinal);
        var kept = cohorts.GroupBy(c => c.Key.Channel, StringComparer.Ordinal)
            .Where(g => !spent.Contains(g.Key))
            .OrderByDescending(g => g.Sum(c => c.Value.Customers)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(keptChannels).Select(g => g.Key).Concat(spent).ToHashSet(StringComparer.Ordinal);
        var pooled = new Dictionary<(string Channel, int Month), Cohort>();
        foreach (var ((channel, month), cohort) in cohorts)
        {
            var key = (kept.Contains(channel) ? channel : Other, month);
            if (pooled.TryGetValue(key, out var into)) into.Merge(cohort);
            else pooled[key] = cohort;
        }

        var rate = grossMarginRate ?? 1m;
        var rows = new List<ChannelPaybackRow>();
        foreach (var channel in pooled.Keys.Select(k => k.Channel).Distinct().Order(StringComparer.Ordinal))
        {
            var months = pooled.Where(c => c.Key.Channel == channel).OrderBy(c => c.Key.Month).ToList();
            var all = new Cohort();
            var allObserved = new int[Horizon + 1];
            var allValue = new decimal[Horizon + 1];
            foreach (var (key, cohort) in months)
            {
                var observed = Observed(key.Month, asOf);
                rows.Add(Row(channel, CalendarPeriods.MonthStart(key.Month), cohort.Customers, cohort.Spend, observed,
                    m => m <= observed && cohort.Customers > 0 ? (cohort.Value[m] * rate, cohort.Customers) : null));
                all.Merge(cohort);
                if (cohort.Customers == 0) continue;
                for (var m = 1; m <= observed; m++)
                {
                    allObserved[m] += cohort.Customers;
                    allValue[m] += cohort.Value[m] * rate;
                }
            }
            // The channel's row pools its cohorts: at m months, the customers of the cohorts observed that long.
            rows.Add(Row(channel, null, all.Customers, all.Spend, allObserved.Count(n => n > 0),
                m => allObserved[m] > 0 ? (allValue[m], allObserved[m]) : null));
        }
        return rows;
    }

    /// <summary>
    /// Whole months after acquisition that every customer of the month has lived through by the end of the as-of day: m
    /// when the window of the month's last-acquired customer (purchases before its first day + m months) has ended.
    /// </summary>
    private static int Observed(int month, DateOnly asOf)
    {
        var lastDay = CalendarPeriods.MonthEnd(month);
        var m = 0;
        while (m < Horizon && lastDay.AddMonths(m + 1) <= asOf.AddDays(1)) m++;
        return m;
    }

    /// <param name="value">m → the value of the customers observed m months, and how many they are; null when none is.</param>
    private static ChannelPaybackRow Row(string channel, DateOnly? month, int customers, decimal spend, int observed,
        Func<int, (decimal Value, int Customers)?> value)
    {
        var perCustomer = new decimal?[Horizon];
        int? payback = null;
        for (var m = 1; m <= Horizon; m++)
        {
            if (value(m) is not var (total, n)) continue;
            perCustomer[m - 1] = Math.Round(total / n, 4);
            // value / n ≥ spend / customers, in whole products so no rounding decides a payback.
            if (payback is null && spend > 0 && customers > 0 && total * customers >= spend * n) payback = m;
        }
        decimal? cac = customers > 0 && spend > 0 ? Math.Round(spend / customers, 4) : null;
        decimal? ltvToCac = cac is not null && value(Horizon) is var (value12, n12) ? Math.Round(value12 * customers / (n12 * spend), 6) : null;
        var status = customers == 0 ? NoCustomers
            : spend == 0 ? NoSpend
            : payback is not null ? PaidBack
            : observed >= Horizon ? NotWithinHorizon
            : NotYet;
        return new ChannelPaybackRow(channel, month, customers, spend, cac, observed, perCustomer, ltvToCac, payback, status);
    }

    /// <summary>One channel's customers of one acquisition month, their net revenue within m months (index m), and the month's spend.</summary>
    private sealed class Cohort
    {
        public int Customers;
        public decimal Spend;
        public readonly decimal[] Value = new decimal[Horizon + 1];

        public void Add(IReadOnlyList<FacetedPurchase> purchases, DateOnly firstDay)
        {
            Customers++;
            var m = 1;
            var end = firstDay.AddMonths(m).DayNumber;
            var within = new decimal[Horizon + 1];
            foreach (var purchase in purchases)
            {
                while (purchase.Day >= end && m < Horizon) end = firstDay.AddMonths(++m).DayNumber;
                if (purchase.Day >= end) break;
                within[m] += purchase.NetAmount;
            }
            var cumulative = 0m;
            for (var i = 1; i <= Horizon; i++) Value[i] += cumulative += within[i];
        }

        public void Merge(Cohort other)
        {
            Customers += other.Customers;
            Spend += other.Spend;
            for (var i = 1; i <= Horizon; i++) Value[i] += other.Value[i];
        }
    }
}
