using Retention.Core.Metrics;

namespace Retention.Core.Spend;

/// <summary>
/// What keeping customers cost in one month (<c>docs/metrics.md</c>): the month's retention spend, the customers
/// retained (active at the month's end and not acquired in it: E − N of the retention rate), the cost per retained
/// customer, the net revenue those returning customers brought in the month, and the return on the spend.
/// </summary>
public sealed record RetentionCostMonth(
    DateOnly Month,
    decimal Spend,
    int RetainedCustomers,
    decimal? CostPerRetainedCustomer,
    decimal ReturningRevenue,
    decimal? Roi);

public static class RetentionCost
{
    /// <param name="spend">each month's total spend, keyed by the month's first day; months without spend cost nothing.</param>
    public static IReadOnlyList<RetentionCostMonth> Compute(PurchaseHistory history, IReadOnlyList<RetentionMonth> months,
        IReadOnlyDictionary<DateOnly, decimal> spend)
    {
        // Revenue of returning customers per month: purchases after the month of the customer's first purchase.
        var table = history.Table;
        var returning = new Dictionary<DateOnly, decimal>();
        for (var c = 0; c < table.Customers; c++)
        {
            int start = table.CustomerStart[c], end = table.CustomerStart[c + 1];
            var firstMonth = table.MonthOf(table.Day[start]);
            for (var i = start + 1; i < end; i++)
            {
                var month = table.MonthOf(table.Day[i]);
                if (month > firstMonth)
                {
                    var key = CalendarPeriods.MonthStart(month);
                    returning[key] = returning.GetValueOrDefault(key) + table.Amount[i];
                }
            }
        }

        return [.. months.Select(m =>
        {
            var cost = spend.GetValueOrDefault(m.Month);
            var retained = m.ActiveAtEnd - m.NewCustomers;
            var revenue = returning.GetValueOrDefault(m.Month);
            return new RetentionCostMonth(m.Month, cost, retained,
                retained > 0 && cost > 0 ? Math.Round(cost / retained, 4) : null,
                revenue,
                cost > 0 ? Math.Round((revenue - cost) / cost, 6) : null);
        })];
    }
}
