namespace Retention.Core.Metrics;

/// <summary>
/// Purchase behaviour over one stretch of days, the shop's lifetime or one calendar month
/// (<c>docs/metrics.md</c>, "Repeat purchases, frequency, order value, days between orders").
/// </summary>
/// <param name="Customers">Customers with at least one purchase in the period.</param>
/// <param name="NewCustomers">Of those, customers whose first purchase ever is in the period.</param>
/// <param name="ReturningCustomers">Of those, customers who had bought before the period.</param>
/// <param name="RepeatCustomers">Customers with two or more purchases in the period.</param>
/// <param name="RepeatPurchaseRate">RepeatCustomers / Customers.</param>
/// <param name="PurchaseFrequency">Orders / Customers.</param>
/// <param name="AverageOrderValue">NetRevenue / Orders.</param>
/// <param name="Intervals">Gaps between consecutive purchase days of one customer that end in the period.</param>
/// <param name="AverageDaysBetweenOrders">Mean length of those gaps in days.</param>
/// <param name="IsPartial">The period ends after the as-of day (the current month).</param>
public sealed record PeriodFigures(
    DateOnly From,
    DateOnly To,
    bool IsPartial,
    int Customers,
    int NewCustomers,
    int ReturningCustomers,
    int RepeatCustomers,
    int Orders,
    decimal NetRevenue,
    decimal? RepeatPurchaseRate,
    decimal? PurchaseFrequency,
    decimal? AverageOrderValue,
    int Intervals,
    decimal? AverageDaysBetweenOrders);

/// <summary>The <see cref="PeriodFigures"/> of the shop's lifetime to the as-of day and of each month from its first purchase.</summary>
public sealed record PurchaseBehaviour(PeriodFigures Lifetime, IReadOnlyList<PeriodFigures> Months)
{
    public static PurchaseBehaviour Compute(PurchaseHistory history) => Compute(history.Table);

    internal static PurchaseBehaviour Compute(PurchaseTable table)
    {
        var firstMonth = table.FirstMonth;
        var months = table.Customers == 0 ? 0 : table.AsOfMonth - firstMonth + 1;
        var customers = new int[months];
        var newCustomers = new int[months];
        var repeat = new int[months];
        var orders = new int[months];
        var revenue = new decimal[months];
        var intervals = new int[months];
        var intervalDays = new long[months];
        int lifetimeRepeat = 0, lifetimeIntervals = 0;
        long lifetimeIntervalDays = 0;
        decimal lifetimeRevenue = 0m;

        for (var c = 0; c < table.Customers; c++)
        {
            int start = table.CustomerStart[c], end = table.CustomerStart[c + 1];
            newCustomers[table.MonthOf(table.Day[start]) - firstMonth]++;
            if (end - start >= 2) lifetimeRepeat++;
            // A customer's lifetime gaps add up to last day − first day; only their count needs the loop.
            lifetimeIntervalDays += table.Day[end - 1] - table.Day[start];

            int month = -1, inMonth = 0;
            for (var i = start; i < end; i++)
            {
                var day = table.Day[i];
                var m = table.MonthOf(day) - firstMonth;
                if (m != month)
                {
                    if (inMonth >= 2) repeat[month]++;
                    customers[m]++;
                    month = m;
                    inMonth = 0;
                }
                inMonth++;
                orders[m]++;
                revenue[m] += table.Amount[i];
                lifetimeRevenue += table.Amount[i];
                // Same-day orders are one visit split in baskets, not a gap of 0 days.
                if (i > start && day != table.Day[i - 1])
                {
                    intervals[m]++;
                    intervalDays[m] += day - table.Day[i - 1];
                    lifetimeIntervals++;
                }
            }
            if (inMonth >= 2) repeat[month]++;
        }

        var lifetime = Figures(
            table.Customers == 0 ? table.AsOf : DateOnly.FromDayNumber(table.FirstDay), table.AsOf, false,
            table.Customers, table.Customers, lifetimeRepeat, table.Purchases, lifetimeRevenue, lifetimeIntervals, lifetimeIntervalDays);
        var monthly = new PeriodFigures[months];
        for (var m = 0; m < months; m++)
        {
            var end = CalendarPeriods.MonthEnd(firstMonth + m);
            monthly[m] = Figures(CalendarPeriods.MonthStart(firstMonth + m), end < table.AsOf ? end : table.AsOf, end > table.AsOf,
                customers[m], newCustomers[m], repeat[m], orders[m], revenue[m], intervals[m], intervalDays[m]);
        }
        return new PurchaseBehaviour(lifetime, monthly);
    }

    private static PeriodFigures Figures(DateOnly from, DateOnly to, bool partial, int customers, int newCustomers, int repeat, int orders,
        decimal revenue, int intervals, long intervalDays) => new(
        from, to, partial, customers, newCustomers, customers - newCustomers, repeat, orders, revenue,
        RepeatPurchaseRate: Ratio.Of(repeat, customers),
        PurchaseFrequency: Ratio.Of(orders, customers),
        AverageOrderValue: Ratio.Average(revenue, orders),
        intervals,
        AverageDaysBetweenOrders: Ratio.Average(intervalDays, intervals));
}
