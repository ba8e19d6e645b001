namespace Retention.Core.Metrics;

/// <summary>
/// One cell of the cohort triangle: what the cohort did <see cref="PeriodsSinceAcquisition"/> periods after the
/// period of its first purchases (0 = that period itself).
/// </summary>
/// <param name="ActiveCustomers">Cohort members with at least one purchase in the period.</param>
/// <param name="ActiveShare">ActiveCustomers / cohort size.</param>
/// <param name="NetRevenue">The cohort's net revenue in the period.</param>
/// <param name="RevenueVersusFirstPeriod">NetRevenue / the cohort's period-0 net revenue; null when that is 0.</param>
/// <param name="IsPartial">The period contains the as-of day and ends after it: its figures are not final yet.</param>
public sealed record CohortCell(
    int PeriodsSinceAcquisition,
    DateOnly PeriodStart,
    int ActiveCustomers,
    decimal ActiveShare,
    decimal NetRevenue,
    decimal? RevenueVersusFirstPeriod,
    bool IsPartial);

/// <summary>The customers whose first purchase fell in one period, and one cell per period from then to the as-of day.</summary>
public sealed record Cohort(DateOnly Start, string Label, int Size, IReadOnlyList<CohortCell> Cells);

/// <summary>
/// The cohort triangle (<c>docs/metrics.md</c>, "Cohort retention"): cohorts by period of first purchase, oldest first;
/// periods in which no customer made a first purchase have no row.
/// </summary>
public sealed record CohortMatrix(CohortPeriod Period, DateOnly AsOf, IReadOnlyList<Cohort> Cohorts)
{
    public static CohortMatrix Compute(PurchaseHistory history, CohortPeriod period) => Compute(history.Table, period);

    internal static CohortMatrix Compute(PurchaseTable table, CohortPeriod period)
    {
        if (table.Customers == 0) return new CohortMatrix(period, table.AsOf, []);

        var first = PeriodOf(table, period, table.FirstDay);
        var last = PeriodOf(table, period, table.AsOfDay);
        var span = last - first + 1;
        var lastIsPartial = CalendarPeriods.End(period, last) > table.AsOf;
        var size = new int[span];
        var active = new int[span][];
        var revenue = new decimal[span][];

        for (var c = 0; c < table.Customers; c++)
        {
            int start = table.CustomerStart[c], end = table.CustomerStart[c + 1];
            var cohort = PeriodOf(table, period, table.Day[start]) - first;
            // Only periods that acquired someone get a row; the rest of the triangle stays unallocated.
            if (active[cohort] is null)
            {
                active[cohort] = new int[span - cohort];
                revenue[cohort] = new decimal[span - cohort];
            }
            size[cohort]++;
            var lastCounted = -1;
            for (var i = start; i < end; i++)
            {
                var k = PeriodOf(table, period, table.Day[i]) - first - cohort;
                revenue[cohort][k] += table.Amount[i];
                // Purchases are in day order, so a customer's purchases in one period are adjacent: count them once.
                if (k != lastCounted)
                {
                    active[cohort][k]++;
                    lastCounted = k;
                }
            }
        }

        var cohorts = new List<Cohort>();
        for (var cohort = 0; cohort < span; cohort++)
        {
            if (size[cohort] == 0) continue;
            var cells = new CohortCell[span - cohort];
            var firstRevenue = revenue[cohort][0];
            for (var k = 0; k < cells.Length; k++)
                cells[k] = new CohortCell(k, CalendarPeriods.Start(period, first + cohort + k), active[cohort][k],
                    Ratio.Of(active[cohort][k], size[cohort])!.Value, revenue[cohort][k], Ratio.Of(revenue[cohort][k], firstRevenue),
                    IsPartial: lastIsPartial && cohort + k == span - 1);
            cohorts.Add(new Cohort(CalendarPeriods.Start(period, first + cohort), CalendarPeriods.Label(period, first + cohort), size[cohort], cells));
        }
        return new CohortMatrix(period, table.AsOf, cohorts);
    }

    private static int PeriodOf(PurchaseTable table, CohortPeriod period, int dayNumber) =>
        period == CohortPeriod.Month ? table.MonthOf(dayNumber) : CalendarPeriods.WeekIndex(dayNumber);
}
