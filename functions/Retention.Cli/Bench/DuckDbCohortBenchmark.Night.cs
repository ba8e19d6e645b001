using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Retention.Core.Dimensions;
using Retention.Core.Ledger;
using Retention.Core.Metrics;
using Retention.Core.Nightly;
using Retention.Core.Orders;

namespace Retention.Cli.Bench;

/// <summary>One figure of the night compared with DuckDB's: how many values were compared and the first that differed.</summary>
public sealed record FigureComparison(string Figure, int Values, string? FirstDifference)
{
    public bool Equal => FirstDifference is null;
}

/// <summary>The night's figures that DuckDB computes too, as ours gave them: the input of <see cref="DuckDbCohortBenchmark.CompareNight"/>.</summary>
public sealed record ComparedNightFigures(HeadlineFigures Headline, RetentionFigures Retention, DimensionFigures Dimensions);

/// <summary>DuckDB's answers to the night's queries, as read back; compared with ours by <see cref="DuckDbCohortBenchmark.CompareNight"/>.</summary>
public sealed class DuckDbNightAnswers
{
    internal Dictionary<(int, int), (long, decimal)> Monthly { get; set; } = [];
    internal Dictionary<(int, int), (long, decimal)> Weekly { get; set; } = [];
    internal object?[] Headline { get; set; } = [];
    internal object?[] Threshold { get; set; } = [];
    internal int ChurnDays { get; set; }
    internal List<object?[]> Churn { get; set; } = [];
    internal Dictionary<string, (long, decimal)> Rfm { get; set; } = [];
    internal List<object?[]> CohortValue { get; set; } = [];
    internal List<object?[]> KeyCustomers { get; set; } = [];
    internal Dictionary<(string, string), object?[]> FirstPurchase { get; set; } = [];
}

/// <summary>
/// The night's figure set in DuckDB SQL (issue: "compared fairly"): the cohort triangles monthly and weekly, the headline
/// (customers, orders, revenue, repeat-purchase rate, AOV), the churn threshold, churn and retention by month, RFM scores and
/// segments, historic CLV by cohort and the top decile, and the first-purchase cohorts by channel and country; each compared
/// with ours value for value. The SQL says what each figure is in its own terms (windows, joins, group by), not the way the
/// C# computes it; the churn months follow the spells of activity (a purchase after a silence of more than N days starts one,
/// N days without a purchase end it), which is <c>docs/metrics.md</c>'s "active = bought in the N days ending that day".
/// </summary>
public sealed partial class DuckDbCohortBenchmark
{
    private const string Day0 = "DATE '0001-01-01'";

    /// <summary>Every purchase as of the day with its first-order facets (channel, country), from the ledger's one rule of a purchase.</summary>
    public TimeSpan LoadNight(OrderLedger ledger, DateOnly asOf)
    {
        var clock = Stopwatch.StartNew();
        Execute("""
            CREATE OR REPLACE TABLE night (customer VARCHAR NOT NULL, order_id VARCHAR NOT NULL, day DATE NOT NULL, amount DECIMAL(18, 2) NOT NULL,
                                           channel VARCHAR NOT NULL, country VARCHAR)
            """);
        using (var appender = _connection.CreateAppender("night"))
        {
            foreach (var customer in ledger.CustomersAsOf(asOf))
                foreach (var p in customer.Purchases)
                    appender.CreateRow().AppendValue(customer.CustomerKey).AppendValue(p.OrderId).AppendValue((DateOnly?)p.OrderedOn).AppendValue(p.NetAmount)
                        .AppendValue(p.Facets.Channel).AppendValue(p.Facets.Country).EndRow();
        }
        return clock.Elapsed;
    }

    /// <summary>Every query of the night's figure set, once; <paramref name="churnDays"/> is the shop's setting when it has one.</summary>
    public DuckDbNightAnswers QueryNight(DateOnly asOf, int? churnDays)
    {
        var asOfSql = $"DATE '{asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
        var answers = new DuckDbNightAnswers
        {
            Monthly = Triangle("year(day) * 12 + month(day) - 1"),
            Weekly = Triangle($"(day - {Day0}) // 7"),
            Headline = Rows("""
                SELECT count(*), sum(amount), count(*) FILTER (WHERE orders >= 2), sum(orders)
                FROM (SELECT customer, count(*) AS orders, sum(amount) AS amount FROM night GROUP BY customer)
                """).Single(),
            // Nearest rank: the smallest gap between purchase days with at least 90 % of all gaps at or below it.
            Threshold = Rows("""
                WITH days AS (SELECT DISTINCT customer, day FROM night),
                     gaps AS (SELECT day - lag(day) OVER (PARTITION BY customer ORDER BY day) AS gap FROM days),
                     ranked AS (SELECT gap, row_number() OVER (ORDER BY gap) AS rn, count(*) OVER () AS n FROM gaps WHERE gap IS NOT NULL)
                SELECT (SELECT count(*) FROM gaps WHERE gap IS NOT NULL), (SELECT gap FROM ranked WHERE rn = ceil(0.9 * n))
                """).Single(),
        };
        var intervals = Convert.ToInt64(answers.Threshold[0], CultureInfo.InvariantCulture);
        answers.ChurnDays = churnDays
            ?? (intervals >= ChurnThreshold.MinimumIntervals
                ? Math.Clamp(Convert.ToInt32(answers.Threshold[1], CultureInfo.InvariantCulture), ChurnThreshold.MinimumDays, ChurnThreshold.MaximumDays)
                : ChurnThreshold.FallbackDays);
        var n = answers.ChurnDays.ToString(CultureInfo.InvariantCulture);
        static string M(string day) => $"year({day}) * 12 + month({day}) - 1";
        answers.Churn = Rows($"""
            WITH days AS (SELECT customer, day, sum(amount) AS amount FROM night GROUP BY customer, day),
                 w AS (SELECT day, lag(day) OVER c AS prev, lead(day) OVER c AS next,
                              sum(amount) OVER (PARTITION BY customer ORDER BY day - {Day0} RANGE BETWEEN {ChurnAnalysis.LostRevenueWindowDays - 1} PRECEDING AND CURRENT ROW) AS trail
                       FROM days WINDOW c AS (PARTITION BY customer ORDER BY day)),
                 events AS (
                     SELECT {M("day")} AS m, 1 AS delta, CASE WHEN prev IS NULL THEN 1 ELSE 0 END AS fresh, 0 AS churned, 0::DECIMAL(38, 2) AS lost
                     FROM w WHERE prev IS NULL OR day - prev > {n}
                     UNION ALL
                     SELECT {M($"day + {n}")}, -1, 0, CASE WHEN {M("day")} < {M($"day + {n}")} THEN 1 ELSE 0 END,
                            CASE WHEN {M("day")} < {M($"day + {n}")} THEN trail ELSE 0 END
                     FROM w WHERE (next IS NULL OR next - day > {n}) AND {asOfSql} - day >= {n}),
                 months AS (SELECT unnest(range((SELECT min({M("day")}) FROM night), {M(asOfSql)} + 1)) AS m),
                 totals AS (SELECT m, sum(delta) AS delta, sum(fresh) AS fresh, sum(churned) AS churned, sum(lost) AS lost FROM events GROUP BY m)
            SELECT months.m,
                   coalesce(sum(coalesce(delta, 0)) OVER (ORDER BY months.m ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0),
                   coalesce(fresh, 0), coalesce(churned, 0), sum(coalesce(delta, 0)) OVER (ORDER BY months.m), coalesce(lost, 0)
            FROM months LEFT JOIN totals USING (m) ORDER BY months.m
            """);
        // Score = 1 + ⌊5 × (customers strictly below) / n⌋, rank() − 1 being "strictly below"; the grid is docs/metrics.md's table.
        answers.Rfm = Rows("""
            WITH c AS (SELECT customer, max(day) AS last, count(*) AS f, sum(amount) AS m FROM night GROUP BY customer),
                 s AS (SELECT 1 + (5 * (rank() OVER (ORDER BY last) - 1)) // count(*) OVER () AS r,
                              1 + (5 * (rank() OVER (ORDER BY f) - 1)) // count(*) OVER () AS fs,
                              1 + (5 * (rank() OVER (ORDER BY m) - 1)) // count(*) OVER () AS ms, m
                       FROM c),
                 grid(r, fm, segment) AS (VALUES
                     (5, 1, 'New'), (5, 2, 'PotentialLoyalist'), (5, 3, 'PotentialLoyalist'), (5, 4, 'Champions'), (5, 5, 'Champions'),
                     (4, 1, 'Promising'), (4, 2, 'PotentialLoyalist'), (4, 3, 'PotentialLoyalist'), (4, 4, 'Loyal'), (4, 5, 'Loyal'),
                     (3, 1, 'AboutToSleep'), (3, 2, 'AboutToSleep'), (3, 3, 'NeedAttention'), (3, 4, 'Loyal'), (3, 5, 'Loyal'),
                     (2, 1, 'Hibernating'), (2, 2, 'Hibernating'), (2, 3, 'AtRisk'), (2, 4, 'AtRisk'), (2, 5, 'CantLoseThem'),
                     (1, 1, 'Lost'), (1, 2, 'Hibernating'), (1, 3, 'AtRisk'), (1, 4, 'AtRisk'), (1, 5, 'CantLoseThem'))
            SELECT 'R' || r, count(*), 0::DECIMAL(38, 2) FROM s GROUP BY r
            UNION ALL SELECT 'F' || fs, count(*), 0 FROM s GROUP BY fs
            UNION ALL SELECT 'M' || ms, count(*), 0 FROM s GROUP BY ms
            UNION ALL SELECT g.segment, count(*), sum(s.m) FROM s JOIN grid g ON g.r = s.r AND g.fm = (s.fs + s.ms) // 2 GROUP BY g.segment
            """).ToDictionary(r => (string)r[0]!, r => (Long(r[1]), Dec(r[2])));
        answers.CohortValue = Rows($"""
            SELECT {M("first")} AS cohort, count(*), sum(revenue)
            FROM (SELECT customer, min(day) AS first, sum(amount) AS revenue FROM night GROUP BY customer) GROUP BY cohort ORDER BY cohort
            """);
        answers.KeyCustomers = Rows("""
            WITH c AS (SELECT customer, sum(amount) AS revenue, count(*) AS orders FROM night GROUP BY customer),
                 ranked AS (SELECT *, row_number() OVER (ORDER BY revenue DESC, customer ASC) AS rn, count(*) OVER () AS n FROM c)
            SELECT customer, revenue, orders FROM ranked WHERE rn <= ceil(n / 10) ORDER BY rn
            """);
        string Judged(string end) => $"{end} <= {asOfSql}";
        var windows = string.Join(",\n", FirstPurchaseWindows.Select(d =>
            $"count(*) FILTER (WHERE {Judged($"first_day + {d}")}), count(*) FILTER (WHERE {Judged($"first_day + {d}")} AND second_day - first_day <= {d})"));
        var clv = string.Join(",\n", FirstPurchaseClvMonths.Select(m =>
            $"count(*) FILTER (WHERE {Judged($"first_day + INTERVAL {m} MONTH")}), sum(clv{m}) FILTER (WHERE {Judged($"first_day + INTERVAL {m} MONTH")})"));
        var figures = $"count(*), count(*) FILTER (WHERE purchases >= 2),\n{windows},\n{clv}";
        answers.FirstPurchase = Rows($"""
            WITH ranked AS (SELECT *, row_number() OVER (PARTITION BY customer ORDER BY day, order_id) AS n,
                                   count(*) OVER (PARTITION BY customer) AS purchases FROM night),
                 firsts AS (SELECT customer, day, channel, coalesce(country, '{CountryCode.Unknown}') AS country, purchases FROM ranked WHERE n = 1),
                 clv AS (SELECT f.customer,
                                {string.Join(", ", FirstPurchaseClvMonths.Select(m => $"sum(x.amount) FILTER (WHERE x.day < f.day + INTERVAL {m} MONTH) AS clv{m}"))}
                         FROM firsts f JOIN night x USING (customer) GROUP BY f.customer),
                 customers AS (SELECT f.customer, f.day AS first_day, f.channel, f.country, f.purchases, s.day AS second_day, clv.clv3, clv.clv6, clv.clv12
                               FROM firsts f LEFT JOIN ranked s ON s.customer = f.customer AND s.n = 2 JOIN clv ON clv.customer = f.customer)
            SELECT '{FirstPurchaseDimension.FirstChannel.Name()}', channel, {figures} FROM customers GROUP BY channel
            UNION ALL
            SELECT '{FirstPurchaseDimension.Country.Name()}', country, {figures} FROM customers GROUP BY country
            """).ToDictionary(r => ((string)r[0]!, (string)r[1]!));
        return answers;
    }

    private static readonly int[] FirstPurchaseWindows = [30, 90, 180, 365];
    private static readonly int[] FirstPurchaseClvMonths = [3, 6, 12];

    /// <summary>Ours against DuckDB's, figure by figure; each names how many values it compared and the first difference.</summary>
    public static IReadOnlyList<FigureComparison> CompareNight(ComparedNightFigures ours, DuckDbNightAnswers theirs)
    {
        var results = new List<FigureComparison>();
        var (monthly, monthlyCells, monthlyDifference) = Compare(ours.Retention.MonthlyCohorts, theirs.Monthly, d => d.Year * 12 + d.Month - 1);
        results.Add(new FigureComparison("cohort triangle, monthly", monthlyCells, monthly ? null : monthlyDifference));
        var (weekly, weeklyCells, weeklyDifference) = Compare(ours.Retention.WeeklyCohorts, theirs.Weekly, d => d.DayNumber / 7);
        results.Add(new FigureComparison("cohort triangle, weekly", weeklyCells, weekly ? null : weeklyDifference));
        results.Add(CompareHeadline(ours, theirs));
        results.Add(CompareChurn(ours.Retention, theirs));
        results.Add(CompareRfm(ours.Retention.Rfm, theirs));
        results.Add(CompareClv(ours.Retention.Clv, theirs));
        results.Add(CompareFirstPurchase(ours.Dimensions, theirs));
        return results;
    }

    private static FigureComparison CompareHeadline(ComparedNightFigures ours, DuckDbNightAnswers theirs)
    {
        var row = theirs.Headline;
        var (customers, revenue, repeat, orders) = (Long(row[0]), Dec(row[1]), Long(row[2]), Long(row[3]));
        var h = ours.Headline;
        var lifetime = ours.Retention.Lifetime;
        var checks = new (string Name, object Ours, object Theirs)[]
        {
            ("customers", (long)h.Customers, customers), ("orders", (long)h.Orders, orders), ("net revenue", h.NetRevenue, revenue),
            ("repeat customers", (long)h.RepeatCustomers, repeat),
            ("repeat-purchase rate", h.RepeatPurchaseRate, customers == 0 ? 0m : Math.Round((decimal)repeat / customers, 6)),
            ("average order value", h.AverageOrderValue, orders == 0 ? 0m : Math.Round(revenue / orders, 4)),
            ("lifetime repeat-purchase rate", lifetime.RepeatPurchaseRate ?? -1m, customers == 0 ? -1m : Math.Round((decimal)repeat / customers, 6)),
            ("lifetime average order value", lifetime.AverageOrderValue ?? -1m, orders == 0 ? -1m : Math.Round(revenue / orders, 4)),
        };
        var different = checks.FirstOrDefault(c => !c.Ours.Equals(c.Theirs));
        return new FigureComparison("headline: customers, orders, revenue, repeat-purchase rate, AOV", checks.Length,
            different.Name is null ? null : $"{different.Name}: ours {different.Ours}, DuckDB {different.Theirs}");
    }

    private static FigureComparison CompareChurn(RetentionFigures ours, DuckDbNightAnswers theirs)
    {
        const string Name = "churn threshold, churn and retention by month";
        var threshold = ours.Churn.Threshold;
        var intervals = Long(theirs.Threshold[0]);
        if (threshold.Days != theirs.ChurnDays || threshold.Intervals != intervals
            || (intervals >= ChurnThreshold.MinimumIntervals && threshold.PercentileDays != Convert.ToInt32(theirs.Threshold[1], CultureInfo.InvariantCulture)))
            return new FigureComparison(Name, 1, $"threshold: ours {threshold.Days} days ({threshold.PercentileDays} of {threshold.Intervals} gaps), " +
                $"DuckDB {theirs.ChurnDays} days ({theirs.Threshold[1]} of {intervals} gaps)");
        if (ours.Churn.Months.Count != theirs.Churn.Count)
            return new FigureComparison(Name, 1, $"months: ours {ours.Churn.Months.Count}, DuckDB {theirs.Churn.Count}");
        var values = 1;
        for (var i = 0; i < theirs.Churn.Count; i++)
        {
            var row = theirs.Churn[i];
            var (month, retention) = (ours.Churn.Months[i], ours.Retention[i]);
            var (start, fresh, churned, end, lost) = (Long(row[1]), Long(row[2]), Long(row[3]), Long(row[4]), Dec(row[5]));
            var rate = start == 0 ? (decimal?)null : Math.Round((decimal)(end - fresh) / start, 6);
            var churnRate = start == 0 ? (decimal?)null : Math.Round((decimal)churned / start, 6);
            var label = month.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            if (Long(row[0]) != month.Month.Year * 12 + month.Month.Month - 1)
                return new FigureComparison(Name, values, $"month {label}: DuckDB's row is month index {row[0]}");
            if ((month.ActiveAtStart, month.NewCustomers, month.ChurnedCustomers, month.ActiveAtEnd, month.LostRevenue, month.ChurnRate, retention.Rate)
                != (start, fresh, churned, end, lost, churnRate, rate))
                return new FigureComparison(Name, values, $"month {label}: ours active {month.ActiveAtStart}→{month.ActiveAtEnd}, new {month.NewCustomers}, " +
                    $"churned {month.ChurnedCustomers}, lost {month.LostRevenue}, retention {retention.Rate}; DuckDB {start}→{end}, new {fresh}, churned {churned}, " +
                    $"lost {lost}, retention {rate}");
            values += 7;
        }
        var activeNow = theirs.Churn.Count == 0 ? 0 : Long(theirs.Churn[^1][4]);
        if (ours.Churn.ActiveCustomers != activeNow)
            return new FigureComparison(Name, values, $"active now: ours {ours.Churn.ActiveCustomers}, DuckDB {activeNow}");
        return new FigureComparison(Name, values + 1, null);
    }

    private static FigureComparison CompareRfm(RfmSegmentation ours, DuckDbNightAnswers theirs)
    {
        var values = 0;
        long Count(string key) => theirs.Rfm.TryGetValue(key, out var v) ? v.Item1 : 0;
        foreach (var (letter, scores) in new[] { ("R", ours.Distribution.Recency), ("F", ours.Distribution.Frequency), ("M", ours.Distribution.Monetary) })
            for (var s = 1; s <= 5; s++)
            {
                values++;
                if (scores[s - 1] != Count($"{letter}{s}"))
                    return new FigureComparison("RFM scores and segments", values, $"{letter} = {s}: ours {scores[s - 1]} customers, DuckDB {Count($"{letter}{s}")}");
            }
        foreach (var segment in ours.Segments)
        {
            values++;
            var (customers, revenue) = theirs.Rfm.GetValueOrDefault(segment.Segment.ToString(), (0L, 0m));
            if ((segment.Customers, segment.NetRevenue) != (customers, revenue))
                return new FigureComparison("RFM scores and segments", values,
                    $"{segment.Segment}: ours {segment.Customers} / {segment.NetRevenue}, DuckDB {customers} / {revenue}");
        }
        return new FigureComparison("RFM quintile scores and segment counts", values, null);
    }

    private static FigureComparison CompareClv(HistoricClv ours, DuckDbNightAnswers theirs)
    {
        const string Name = "historic CLV: by first-purchase month and the top decile";
        if (ours.Cohorts.Count != theirs.CohortValue.Count)
            return new FigureComparison(Name, 0, $"cohorts: ours {ours.Cohorts.Count}, DuckDB {theirs.CohortValue.Count}");
        var values = 0;
        foreach (var (cohort, row) in ours.Cohorts.Zip(theirs.CohortValue))
        {
            values++;
            if ((cohort.Cohort.Year * 12 + cohort.Cohort.Month - 1, cohort.Customers, cohort.NetRevenue) != (Long(row[0]), Long(row[1]), Dec(row[2])))
                return new FigureComparison(Name, values, $"cohort {cohort.Cohort:yyyy-MM}: ours {cohort.Customers} / {cohort.NetRevenue}, DuckDB {row[1]} / {row[2]}");
        }
        if (ours.KeyCustomers.Count != theirs.KeyCustomers.Count)
            return new FigureComparison(Name, values, $"top decile: ours {ours.KeyCustomers.Count} customers, DuckDB {theirs.KeyCustomers.Count}");
        foreach (var (customer, row) in ours.KeyCustomers.Zip(theirs.KeyCustomers))
        {
            values++;
            if ((customer.CustomerKey, customer.NetRevenue, customer.Orders) != ((string)row[0]!, Dec(row[1]), Long(row[2])))
                return new FigureComparison(Name, values, $"top decile, place {values - ours.Cohorts.Count}: ours {customer.CustomerKey} / {customer.NetRevenue}, DuckDB {row[0]} / {row[1]}");
        }
        return new FigureComparison(Name, values, null);
    }

    private static FigureComparison CompareFirstPurchase(DimensionFigures ours, DuckDbNightAnswers theirs)
    {
        const string Name = "first-purchase cohorts by channel and country";
        var dimensions = new[] { FirstPurchaseDimension.FirstChannel.Name(), FirstPurchaseDimension.Country.Name() };
        var rows = ours.Cohorts.Where(c => dimensions.Contains(c.Dimension)).ToList();
        if (rows.Any(r => r.IsOther))
            return new FigureComparison(Name, 0, "a dimension was cut into (other): the bench shop should have fewer values");
        if (rows.Count != theirs.FirstPurchase.Count)
            return new FigureComparison(Name, 0, $"rows: ours {rows.Count}, DuckDB {theirs.FirstPurchase.Count}");
        var values = 0;
        foreach (var cohort in rows)
        {
            if (!theirs.FirstPurchase.TryGetValue((cohort.Dimension, cohort.Value), out var row))
                return new FigureComparison(Name, values, $"{cohort.Dimension} {cohort.Value}: DuckDB has no row");
            var oursValues = new List<decimal> { cohort.Customers, cohort.RepeatCustomers };
            foreach (var w in cohort.OrderedAgain) oursValues.AddRange([w.Judged, w.OrderedAgain]);
            var theirValues = Enumerable.Range(2, 2 + 2 * cohort.OrderedAgain.Count).Select(i => (decimal)Long(row[i])).ToList();
            for (var m = 0; m < cohort.HistoricClv.Count; m++)
            {
                var judged = Long(row[4 + 2 * cohort.OrderedAgain.Count + 2 * m]);
                var sum = row[5 + 2 * cohort.OrderedAgain.Count + 2 * m] is null or DBNull ? 0m : Dec(row[5 + 2 * cohort.OrderedAgain.Count + 2 * m]);
                oursValues.AddRange([cohort.HistoricClv[m].Customers, cohort.HistoricClv[m].Average ?? -1m]);
                theirValues.AddRange([judged, judged == 0 ? -1m : Math.Round(sum / judged, 4)]);
            }
            values += oursValues.Count;
            if (!oursValues.SequenceEqual(theirValues))
                return new FigureComparison(Name, values, $"{cohort.Dimension} {cohort.Value}: ours {string.Join(" ", oursValues)}, DuckDB {string.Join(" ", theirValues)}");
        }
        return new FigureComparison(Name, values, null);
    }

    private Dictionary<(int, int), (long, decimal)> Triangle(string period)
    {
        var cells = new Dictionary<(int, int), (long, decimal)>();
        foreach (var row in Rows($"""
            WITH firsts AS (SELECT customer, min({period}) AS cohort FROM night GROUP BY customer)
            SELECT f.cohort, {period} - f.cohort AS k, count(DISTINCT n.customer), sum(n.amount)
            FROM night n JOIN firsts f USING (customer) GROUP BY ALL
            """))
            cells[((int)Long(row[0]), (int)Long(row[1]))] = (Long(row[2]), Dec(row[3]));
        return cells;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<object?[]> Rows(string sql) => DuckDbRows.Read(_connection, sql);

    /// <summary>DuckDB counts are BIGINT, sums of counts HUGEINT (BigInteger).</summary>
    private static long Long(object? value) => value switch
    {
        null => 0,
        BigInteger big => (long)big,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static decimal Dec(object? value) => value switch
    {
        null => 0m,
        BigInteger big => (decimal)big,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };
}
