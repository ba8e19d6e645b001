using System.Globalization;
using Retention.Core.Metrics;

namespace Retention.Tests.Metrics;

/// <summary>
/// The figures of the two real reference shops against an independent computation of each in plain SQL (DuckDB),
/// from the same files. The SQL states each definition of <c>docs/metrics.md</c> directly (e.g. "active at the end
/// of day D" = "bought in the N days ending on D"), not the way the C# computes it (spells, one pass, arrays).
/// </summary>
public class ReferenceShopTests(ReferenceShops shops) : IClassFixture<ReferenceShops>
{
    private const int N = 90; // ReferenceShops.Settings.ChurnDays
    private const decimal Tolerance = 0.000001m; // DuckDB rounds half away from zero, .NET half to even: compare ratios unrounded

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void Every_row_is_one_purchase(string name)
    {
        var shop = shops[name];
        var expected = name == "cdnow" ? 69_659 : 3_187; // the README's row counts
        Assert.Equal(expected, shop.Rows);
        Assert.Equal(expected, shop.History.Purchases.Count);
        var sql = shops.Rows($"select count(*), count(distinct customer), sum(amount), max(day) from {name}").Single();
        Assert.Equal((expected, Int(sql[1]), (decimal)sql[2]!), (Int(sql[0]), shop.Figures.Lifetime.Customers, shop.Figures.Lifetime.NetRevenue));
        Assert.Equal(shop.AsOf, (DateOnly)sql[3]!); // the as-of day is the last day of the data
    }

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void The_monthly_cohort_triangle_matches_sql(string name) => TriangleMatchesSql(name, shops[name].Figures.MonthlyCohorts, "month",
        "datediff('month', f.cohort, date_trunc('month', p.day))");

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void The_weekly_cohort_triangle_matches_sql(string name) => TriangleMatchesSql(name, shops[name].Figures.WeeklyCohorts, "week",
        "(date_trunc('week', p.day)::date - f.cohort::date) // 7");

    private void TriangleMatchesSql(string name, CohortMatrix matrix, string unit, string periodsSince)
    {
        var sql = shops.Rows($"""
            with first as (select customer, date_trunc('{unit}', min(day))::date as cohort from {name} group by customer),
                 sizes as (select cohort, count(*) as size from first group by cohort)
            select strftime(f.cohort, '%Y-%m-%d'), s.size, {periodsSince} as k, count(distinct p.customer), sum(p.amount)
            from {name} p join first f using (customer) join sizes s using (cohort)
            group by all order by 1, 3
            """).ToDictionary(r => ((string)r[0]!, Convert.ToInt32(r[2], CultureInfo.InvariantCulture)),
                r => (Size: Convert.ToInt32(r[1], CultureInfo.InvariantCulture), Active: Convert.ToInt32(r[3], CultureInfo.InvariantCulture), Revenue: (decimal)r[4]!));

        var cells = matrix.Cohorts.SelectMany(c => c.Cells.Select(cell => (Key: (c.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cell.PeriodsSinceAcquisition), c.Size, Cell: cell))).ToList();
        var active = cells.Where(c => c.Cell.ActiveCustomers > 0).ToList();
        Assert.Equal(sql.Count, active.Count);
        foreach (var (key, size, cell) in active)
            Assert.Equal(sql[key], (size, cell.ActiveCustomers, cell.NetRevenue));
        // The rest of the triangle is empty, and the triangle reaches exactly the as-of period for every cohort.
        Assert.All(cells.Where(c => c.Cell.ActiveCustomers == 0), c => Assert.Equal(0m, c.Cell.NetRevenue));
        Assert.All(matrix.Cohorts, c => Assert.True(c.Cells[^1].PeriodStart <= shops[name].AsOf && shops[name].AsOf < NextPeriod(unit, c.Cells[^1].PeriodStart)));
        foreach (var cohort in matrix.Cohorts)
            Assert.Equal(cohort.Cells.Select(c => c.ActiveShare), cohort.Cells.Select(c => Math.Round((decimal)c.ActiveCustomers / cohort.Size, 6)));
    }

    private static DateOnly NextPeriod(string unit, DateOnly start) => unit == "month" ? start.AddMonths(1) : start.AddDays(7);

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void Churn_with_a_fixed_threshold_matches_sql(string name)
    {
        var shop = shops[name];
        Assert.Equal((N, ChurnThresholdSource.Setting), (shop.Figures.Churn.Threshold.Days, shop.Figures.Churn.Threshold.Source));

        // Active at the end of day D = bought in the N days ending on D. Churned in month [s, e] = active at s − 1 (last purchase l
        // before s, l ≥ s − N) and no purchase from s to l + N, with l + N ≤ e. Lost revenue = their revenue in (l − 365, l].
        var sql = shops.Rows($"""
            with months as (select unnest(generate_series(date_trunc('month', (select min(day) from {name})), {shop.AsOfSql}, interval 1 month))::date as s),
                 bounds as (select s, least((s + interval 1 month)::date - 1, {shop.AsOfSql}) as e from months),
                 last_before as (select b.s, b.e, p.customer, max(p.day) as l from bounds b join {name} p on p.day < b.s group by all),
                 at_start as (select * from last_before where l >= s - {N}),
                 churned as (select a.* from at_start a
                             where a.l + {N} <= a.e
                               and not exists (select 1 from {name} q where q.customer = a.customer and q.day between a.s and a.l + {N})),
                 lost as (select c.s, sum(q.amount) as revenue from churned c join {name} q on q.customer = c.customer and q.day > c.l - 365 and q.day <= c.l group by c.s),
                 at_end as (select b.s, count(distinct p.customer) as n from bounds b join {name} p on p.day between b.e - {N} + 1 and b.e group by b.s),
                 first as (select customer, min(day) as d from {name} group by customer),
                 new as (select b.s, count(*) as n from bounds b join first f on f.d between b.s and b.e group by b.s)
            select strftime(b.s, '%Y-%m-%d'),
                   (select count(*) from at_start a where a.s = b.s),
                   coalesce((select n from new where new.s = b.s), 0),
                   (select count(*) from churned c where c.s = b.s),
                   coalesce((select n from at_end where at_end.s = b.s), 0),
                   coalesce((select revenue from lost where lost.s = b.s), 0)
            from bounds b order by b.s
            """);

        Assert.Equal(sql.Count, shop.Figures.Churn.Months.Count);
        foreach (var (row, month) in sql.Zip(shop.Figures.Churn.Months))
        {
            Assert.Equal((string)row[0]!, month.Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(
                (Int(row[1]), Int(row[2]), Int(row[3]), Int(row[4]), Convert.ToDecimal(row[5], CultureInfo.InvariantCulture)),
                (month.ActiveAtStart, month.NewCustomers, month.ChurnedCustomers, month.ActiveAtEnd, month.LostRevenue));
            if (month.ActiveAtStart == 0) Assert.Null(month.ChurnRate);
            else Assert.InRange(month.ChurnRate!.Value - (decimal)month.ChurnedCustomers / month.ActiveAtStart, -Tolerance, Tolerance);
        }
        Assert.Contains(shop.Figures.Churn.Months, m => m.ChurnedCustomers > 0 && m.LostRevenue > 0); // the comparison is not vacuous

        var now = shops.Rows($"select count(*) filter (where last > {shop.AsOfSql} - {N}), count(*) filter (where last <= {shop.AsOfSql} - {N}) from (select max(day) as last from {name} group by customer)").Single();
        Assert.Equal((Int(now[0]), Int(now[1])), (shop.Figures.Churn.ActiveCustomers, shop.Figures.Churn.ChurnedCustomers));
    }

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void The_retention_rate_per_month_matches_sql(string name)
    {
        var shop = shops[name];
        var sql = shops.Rows($"""
            with months as (select unnest(generate_series(date_trunc('month', (select min(day) from {name})), {shop.AsOfSql}, interval 1 month))::date as s),
                 bounds as (select s, least((s + interval 1 month)::date - 1, {shop.AsOfSql}) as e from months),
                 first as (select customer, min(day) as d from {name} group by customer)
            select strftime(b.s, '%Y-%m-%d'),
                   (select count(distinct customer) from {name} p where p.day between b.s - {N} and b.s - 1) as s_count,
                   (select count(distinct customer) from {name} p where p.day between b.e - {N} + 1 and b.e) as e_count,
                   (select count(*) from first f where f.d between b.s and b.e) as n_count
            from bounds b order by b.s
            """);
        Assert.Equal(sql.Count, shop.Figures.Retention.Count);
        foreach (var (row, month) in sql.Zip(shop.Figures.Retention))
        {
            var (s, e, n) = (Int(row[1]), Int(row[2]), Int(row[3]));
            Assert.Equal(((string)row[0]!, s, e, n), (month.Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), month.ActiveAtStart, month.ActiveAtEnd, month.NewCustomers));
            if (s == 0) Assert.Null(month.Rate);
            else Assert.InRange(month.Rate!.Value - (decimal)(e - n) / s, -Tolerance, Tolerance);
        }
        Assert.Contains(shop.Figures.Retention, m => m.Rate is > 0m and < 1m);
    }

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void Monthly_purchase_behaviour_matches_sql(string name)
    {
        var shop = shops[name];
        var sql = shops.Rows($"""
            with per_customer as (select date_trunc('month', day)::date as m, customer, count(*) as orders, sum(amount) as revenue from {name} group by all),
                 first as (select customer, date_trunc('month', min(day))::date as m from {name} group by customer),
                 days as (select distinct customer, day from {name}),
                 gaps as (select date_trunc('month', day)::date as m, day - lag(day) over (partition by customer order by day) as gap from days)
            select strftime(c.m, '%Y-%m-%d'), count(*), sum(orders), sum(revenue), count(*) filter (where orders >= 2),
                   (select count(*) from first f where f.m = c.m),
                   (select count(gap) from gaps g where g.m = c.m), (select avg(gap) from gaps g where g.m = c.m)
            from per_customer c group by c.m order by c.m
            """).ToDictionary(r => (string)r[0]!);
        foreach (var month in shop.Figures.Months.Where(m => m.Customers > 0))
        {
            var row = sql[month.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            Assert.Equal((Int(row[1]), Int(row[2]), (decimal)row[3]!, Int(row[4]), Int(row[5]), Int(row[6])),
                (month.Customers, month.Orders, month.NetRevenue, month.RepeatCustomers, month.NewCustomers, month.Intervals));
            Assert.InRange(month.AverageOrderValue!.Value - (decimal)row[3]! / Int(row[2]), -0.0001m, 0.0001m);
            if (row[7] is double avgGap) Assert.InRange((double)month.AverageDaysBetweenOrders!.Value - avgGap, -0.0001, 0.0001);
            else Assert.Null(month.AverageDaysBetweenOrders);
        }
        Assert.Equal(sql.Count, shop.Figures.Months.Count(m => m.Customers > 0));
    }

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void The_derived_churn_threshold_is_the_sql_nearest_rank_percentile(string name)
    {
        var shop = shops[name];
        var threshold = ChurnThreshold.For(shop.History, RetentionSettings.Default);
        var sql = shops.Rows($"""
            with days as (select distinct customer, day from {name}),
                 gaps as (select day - lag(day) over (partition by customer order by day) as gap from days),
                 ranked as (select gap, row_number() over (order by gap) as rn, count(*) over () as n from gaps where gap is not null)
            select gap, n from ranked where rn = ceil(0.9 * n)
            """).Single();
        Assert.Equal((Int(sql[0]), Int(sql[1])), (threshold.PercentileDays!.Value, threshold.Intervals));
        Assert.Equal((ChurnThresholdSource.Derived, Math.Clamp(Int(sql[0]), 30, 365)), (threshold.Source, threshold.Days));
    }

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void Rfm_scores_and_segments_match_sql(string name)
    {
        var shop = shops[name];
        // Score = 1 + ⌊5 × (customers strictly below) / n⌋; rank() − 1 is exactly "strictly below". The grid is docs/metrics.md's table.
        var sql = shops.Rows($"""
            with c as (select customer, max(day) as last, count(*) as f, sum(amount) as m from {name} group by customer),
                 s as (select customer,
                              1 + (5 * (rank() over (order by last) - 1)) // count(*) over () as r,
                              1 + (5 * (rank() over (order by f) - 1)) // count(*) over () as fs,
                              1 + (5 * (rank() over (order by m) - 1)) // count(*) over () as ms, m
                       from c),
                 grid(r, fm, segment) as (values
                     (5, 1, 'New'), (5, 2, 'PotentialLoyalist'), (5, 3, 'PotentialLoyalist'), (5, 4, 'Champions'), (5, 5, 'Champions'),
                     (4, 1, 'Promising'), (4, 2, 'PotentialLoyalist'), (4, 3, 'PotentialLoyalist'), (4, 4, 'Loyal'), (4, 5, 'Loyal'),
                     (3, 1, 'AboutToSleep'), (3, 2, 'AboutToSleep'), (3, 3, 'NeedAttention'), (3, 4, 'Loyal'), (3, 5, 'Loyal'),
                     (2, 1, 'Hibernating'), (2, 2, 'Hibernating'), (2, 3, 'AtRisk'), (2, 4, 'AtRisk'), (2, 5, 'CantLoseThem'),
                     (1, 1, 'Lost'), (1, 2, 'Hibernating'), (1, 3, 'AtRisk'), (1, 4, 'AtRisk'), (1, 5, 'CantLoseThem'))
            select 'R' || r, count(*), 0::decimal(18, 2) from s group by r
            union all select 'F' || fs, count(*), 0 from s group by fs
            union all select 'M' || ms, count(*), 0 from s group by ms
            union all select g.segment, count(*), sum(s.m) from s join grid g on g.r = s.r and g.fm = (s.fs + s.ms) // 2 group by g.segment
            """).ToDictionary(r => (string)r[0]!, r => (Int(r[1]), Convert.ToDecimal(r[2], CultureInfo.InvariantCulture)));

        int Count(string key) => sql.TryGetValue(key, out var v) ? v.Item1 : 0;
        var distribution = shop.Figures.Rfm.Distribution;
        Assert.Equal(Enumerable.Range(1, 5).Select(s => Count($"R{s}")), distribution.Recency);
        Assert.Equal(Enumerable.Range(1, 5).Select(s => Count($"F{s}")), distribution.Frequency);
        Assert.Equal(Enumerable.Range(1, 5).Select(s => Count($"M{s}")), distribution.Monetary);
        foreach (var segment in shop.Figures.Rfm.Segments)
            Assert.Equal(sql.GetValueOrDefault(segment.Segment.ToString(), (0, 0m)), (segment.Customers, segment.NetRevenue));
        Assert.True(shop.Figures.Rfm.Segments.Count(s => s.Customers > 0) >= 6, "a real shop spreads over many segments");
    }

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void The_key_customers_are_the_sql_top_decile(string name)
    {
        var shop = shops[name];
        var sql = shops.Rows($"""
            with c as (select customer, sum(amount) as revenue, count(*) as orders, min(day) as first from {name} group by customer),
                 ranked as (select *, row_number() over (order by revenue desc, customer asc) as rn, count(*) over () as n from c)
            select customer, revenue, orders, strftime(first, '%Y-%m-%d') from ranked where rn <= ceil(n / 10) order by rn
            """);
        Assert.Equal(
            sql.Select(r => ((string)r[0]!, (decimal)r[1]!, Int(r[2]), (string)r[3]!, (decimal?)((decimal)r[1]! * 0.30m))),
            shop.Figures.Clv.KeyCustomers.Select(c => (c.CustomerKey, c.NetRevenue, c.Orders, c.FirstPurchase.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.GrossMargin)));
    }

    [Theory]
    [MemberData(nameof(ReferenceShops.Names), MemberType = typeof(ReferenceShops))]
    public void Cohort_clv_averages_match_sql(string name)
    {
        var shop = shops[name];
        var sql = shops.Rows($"""
            with c as (select customer, sum(amount) as revenue, date_trunc('month', min(day))::date as cohort from {name} group by customer)
            select strftime(cohort, '%Y-%m-%d'), count(*), sum(revenue), avg(revenue) from c group by cohort order by cohort
            """);
        Assert.Equal(sql.Count, shop.Figures.Clv.Cohorts.Count);
        foreach (var (row, cohort) in sql.Zip(shop.Figures.Clv.Cohorts))
        {
            Assert.Equal(((string)row[0]!, Int(row[1]), (decimal)row[2]!), (cohort.Cohort.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cohort.Customers, cohort.NetRevenue));
            Assert.InRange(cohort.AverageNetRevenue!.Value - Convert.ToDecimal(row[3], CultureInfo.InvariantCulture), -0.0001m, 0.0001m);
        }
    }

    /// <summary>DuckDB counts are BIGINT (long) and sums of counts HUGEINT (BigInteger).</summary>
    private static int Int(object? value) => value is System.Numerics.BigInteger big ? (int)big : Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
