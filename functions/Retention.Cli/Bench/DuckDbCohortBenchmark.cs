using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Retention.Core.Metrics;

namespace Retention.Cli.Bench;

/// <summary>
/// The monthly cohort triangle computed independently, in DuckDB SQL, from the same purchases our figures use
/// (<see cref="PurchaseHistory.Purchases"/>: the as-of state of every order, net of refunds, on the shop's local
/// day), and compared with <see cref="RetentionFigures.MonthlyCohorts"/> cell for cell.
/// </summary>
public sealed partial class DuckDbCohortBenchmark : IDisposable
{
    /// <summary>cohort = month of the customer's first purchase; k = months since it; one row per non-empty cell.</summary>
    public const string TriangleSql = """
        WITH firsts AS (
            SELECT customer, year(min(day)) * 12 + month(min(day)) - 1 AS cohort
            FROM purchases GROUP BY customer),
        members AS (
            SELECT f.cohort, year(p.day) * 12 + month(p.day) - 1 - f.cohort AS k, p.customer, p.amount
            FROM purchases p JOIN firsts f ON p.customer = f.customer)
        SELECT cohort, k, count(DISTINCT customer) AS active, sum(amount) AS revenue
        FROM members GROUP BY cohort, k ORDER BY cohort, k
        """;

    private readonly DuckDBConnection _connection;

    public DuckDbCohortBenchmark()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
    }

    /// <summary>Creates the table and appends every purchase through DuckDB's appender.</summary>
    public TimeSpan Load(IReadOnlyList<Purchase> purchases)
    {
        var clock = Stopwatch.StartNew();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE purchases (customer VARCHAR NOT NULL, day DATE NOT NULL, amount DECIMAL(18, 2) NOT NULL)";
            create.ExecuteNonQuery();
        }
        using (var appender = _connection.CreateAppender("purchases"))
        {
            for (var i = 0; i < purchases.Count; i++)
            {
                var p = purchases[i];
                appender.CreateRow().AppendValue(p.CustomerKey).AppendValue((DateOnly?)p.Day).AppendValue(p.NetAmount).EndRow();
            }
        }
        return clock.Elapsed;
    }

    /// <summary>Runs the triangle query and reads every row; the cold run first, then the median of the others.</summary>
    public (TimeSpan Cold, TimeSpan Median, Dictionary<(int Cohort, int K), (long Active, decimal Revenue)> Cells) Query(int runs)
    {
        var times = new List<TimeSpan>();
        Dictionary<(int, int), (long, decimal)> cells = [];
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            cells = [];
            using var command = _connection.CreateCommand();
            command.CommandText = TriangleSql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                cells[(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture))] =
                    (Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), reader.GetDecimal(3));
            times.Add(clock.Elapsed);
        }
        return (times[0], NightlyComputeBenchmark.Median(times.Count > 1 ? times.Skip(1) : times), cells);
    }

    /// <summary>
    /// Every cell of ours against DuckDB's (a cell DuckDB has no row for is 0 customers and 0 revenue), every
    /// DuckDB row against ours, and each cohort's size against DuckDB's period-0 count.
    /// </summary>
    public static (bool Equal, int Cells, string? FirstDifference) Compare(CohortMatrix ours,
        IReadOnlyDictionary<(int Cohort, int K), (long Active, decimal Revenue)> theirs)
    {
        if (ours.Period != CohortPeriod.Month) throw new ArgumentException("the monthly triangle", nameof(ours));
        return Compare(ours, theirs, start => start.Year * 12 + start.Month - 1);
    }

    /// <param name="indexOf">the period index the SQL gives a cohort, from its start.</param>
    public static (bool Equal, int Cells, string? FirstDifference) Compare(CohortMatrix ours,
        IReadOnlyDictionary<(int Cohort, int K), (long Active, decimal Revenue)> theirs, Func<DateOnly, int> indexOf)
    {
        var seen = 0;
        var compared = 0;
        foreach (var cohort in ours.Cohorts)
        {
            var index = indexOf(cohort.Start);
            foreach (var cell in cohort.Cells)
            {
                compared++;
                var found = theirs.TryGetValue((index, cell.PeriodsSinceAcquisition), out var other);
                if (found) seen++;
                var (active, revenue) = found ? other : (0L, 0m);
                if (active != cell.ActiveCustomers || revenue != cell.NetRevenue)
                    return (false, compared, $"cohort {cohort.Label}, k = {cell.PeriodsSinceAcquisition}: ours {cell.ActiveCustomers} customers / {cell.NetRevenue}, DuckDB {active} / {revenue}");
                if (cell.PeriodsSinceAcquisition == 0 && active != cohort.Size)
                    return (false, compared, $"cohort {cohort.Label}: size {cohort.Size} but DuckDB counts {active} in period 0");
            }
        }
        if (seen != theirs.Count)
            return (false, compared, $"DuckDB has {theirs.Count - seen} cells outside our triangle");
        return (true, compared, null);
    }

    public void Dispose() => _connection.Dispose();
}
