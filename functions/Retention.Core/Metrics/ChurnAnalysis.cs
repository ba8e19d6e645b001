namespace Retention.Core.Metrics;

/// <summary>
/// One calendar month of customer activity under a churn threshold N (<c>docs/metrics.md</c>, "Churn").
/// A customer is active at the end of a day when they bought within the N days ending that day.
/// </summary>
/// <param name="ActiveAtStart">Customers active at the end of the day before the month starts.</param>
/// <param name="NewCustomers">Customers whose first purchase is in the month.</param>
/// <param name="ReactivatedCustomers">Customers who bought in the month after having been churned.</param>
/// <param name="ChurnedCustomers">Customers active at the start who became churned during the month (up to the as-of day).</param>
/// <param name="ActiveAtEnd">Customers active at the end of the month, or of the as-of day for the current month.</param>
/// <param name="ChurnRate">ChurnedCustomers / ActiveAtStart.</param>
/// <param name="LostRevenue">The churned customers' net revenue in the 365 days ending on their last purchase.</param>
public sealed record ChurnMonth(
    DateOnly Month,
    bool IsPartial,
    int ActiveAtStart,
    int NewCustomers,
    int ReactivatedCustomers,
    int ChurnedCustomers,
    int ActiveAtEnd,
    decimal? ChurnRate,
    decimal LostRevenue);

/// <summary>Churn as of the as-of day and month by month; each month uses only purchases up to its own end.</summary>
/// <param name="ActiveCustomers">Customers who bought within the <see cref="ChurnThreshold.Days"/> days ending on the as-of day.</param>
/// <param name="ChurnedCustomers">Every other customer who ever bought.</param>
public sealed record ChurnAnalysis(ChurnThreshold Threshold, DateOnly AsOf, int ActiveCustomers, int ChurnedCustomers, IReadOnlyList<ChurnMonth> Months)
{
    /// <summary>Lost revenue looks back one year from the last purchase: the yearly business the shop stops receiving.</summary>
    public const int LostRevenueWindowDays = 365;

    public static ChurnAnalysis Compute(PurchaseHistory history, RetentionSettings settings)
    {
        var table = history.Table;
        return Compute(table, ChurnThreshold.For(table, settings.Validated().ChurnDays));
    }

    internal static ChurnAnalysis Compute(PurchaseTable table, ChurnThreshold threshold)
    {
        var n = threshold.Days;
        var firstMonth = table.FirstMonth;
        var months = table.Customers == 0 ? 0 : table.AsOfMonth - firstMonth + 1;
        // A spell of activity runs from a purchase after a silence (or the first one) to its churn day, exclusive.
        // +1 in the month it starts and −1 in the month it ends, summed up, give the active count at each month end.
        var activeDelta = new int[months];
        var newCustomers = new int[months];
        var reactivated = new int[months];
        var churned = new int[months];
        var lost = new decimal[months];

        for (var c = 0; c < table.Customers; c++)
        {
            int start = table.CustomerStart[c], end = table.CustomerStart[c + 1];
            var windowStart = start;
            var trailing = 0m;
            var previousDay = int.MinValue;
            for (var i = start; i < end; i++)
            {
                var day = table.Day[i];
                trailing += table.Amount[i];
                if (i + 1 < end && table.Day[i + 1] == day) continue; // settle each purchase day once, after all its orders

                while (table.Day[windowStart] <= day - LostRevenueWindowDays) trailing -= table.Amount[windowStart++];
                var month = table.MonthOf(day) - firstMonth;
                if (previousDay == int.MinValue)
                {
                    newCustomers[month]++;
                    activeDelta[month]++;
                }
                else if (day - previousDay > n)
                {
                    reactivated[month]++;
                    activeDelta[month]++;
                }

                // Churned on day + N unless the next purchase comes by then; written as differences so a huge N cannot overflow.
                var nextDay = i + 1 < end ? table.Day[i + 1] : int.MaxValue;
                if (nextDay - day > n && table.AsOfDay - day >= n)
                {
                    var churnMonth = table.MonthOf(day + n) - firstMonth;
                    activeDelta[churnMonth]--;
                    // Counted only when active at the month's start, i.e. the last purchase was before the month.
                    if (month < churnMonth)
                    {
                        churned[churnMonth]++;
                        lost[churnMonth] += trailing;
                    }
                }
                previousDay = day;
            }
        }

        var rows = new ChurnMonth[months];
        var active = 0;
        for (var m = 0; m < months; m++)
        {
            var atStart = active;
            active += activeDelta[m];
            rows[m] = new ChurnMonth(CalendarPeriods.MonthStart(firstMonth + m), CalendarPeriods.MonthEnd(firstMonth + m) > table.AsOf,
                atStart, newCustomers[m], reactivated[m], churned[m], active, Ratio.Of(churned[m], atStart), lost[m]);
        }
        return new ChurnAnalysis(threshold, table.AsOf, active, table.Customers - active, rows);
    }
}
