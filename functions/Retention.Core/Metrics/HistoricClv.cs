namespace Retention.Core.Metrics;

/// <summary>What one customer has been worth to the shop up to the as-of day.</summary>
/// <param name="GrossMargin">NetRevenue × the shop's gross margin rate; null when the shop has not set one.</param>
public sealed record CustomerValue(string CustomerKey, DateOnly FirstPurchase, int Orders, decimal NetRevenue, decimal? GrossMargin);

/// <summary>The average historic value of the customers acquired in one calendar month.</summary>
public sealed record CohortValue(DateOnly Cohort, int Customers, decimal NetRevenue, decimal? AverageNetRevenue, decimal? AverageGrossMargin);

/// <summary>
/// Historic customer lifetime value (<c>docs/metrics.md</c>, "Historic CLV"): realised value only, no forecast.
/// </summary>
/// <param name="Customers">Every customer, in ordinal key order.</param>
/// <param name="Cohorts">Monthly cohorts of first purchase that have customers, oldest first.</param>
/// <param name="KeyCustomers">The top tenth of customers by net revenue (rounded up), highest first, ties by ordinal key.</param>
public sealed record HistoricClv(decimal? GrossMarginRate, IReadOnlyList<CustomerValue> Customers, IReadOnlyList<CohortValue> Cohorts,
    IReadOnlyList<CustomerValue> KeyCustomers)
{
    public static HistoricClv Compute(PurchaseHistory history, RetentionSettings settings) =>
        Compute(history.Table, settings.Validated().GrossMarginRate);

    internal static HistoricClv Compute(PurchaseTable table, decimal? marginRate)
    {
        var customers = new CustomerValue[table.Customers];
        var firstMonth = table.FirstMonth;
        var months = table.Customers == 0 ? 0 : table.AsOfMonth - firstMonth + 1;
        var cohortCustomers = new int[months];
        var cohortRevenue = new decimal[months];
        for (var c = 0; c < table.Customers; c++)
        {
            int start = table.CustomerStart[c], end = table.CustomerStart[c + 1];
            var revenue = table.CustomerRevenue[c];
            customers[c] = new CustomerValue(table.CustomerKeys[c], DateOnly.FromDayNumber(table.Day[start]), end - start, revenue, revenue * marginRate);
            var cohort = table.MonthOf(table.Day[start]) - firstMonth;
            cohortCustomers[cohort]++;
            cohortRevenue[cohort] += revenue;
        }

        var cohorts = new List<CohortValue>();
        for (var m = 0; m < months; m++)
        {
            if (cohortCustomers[m] == 0) continue;
            cohorts.Add(new CohortValue(CalendarPeriods.MonthStart(firstMonth + m), cohortCustomers[m], cohortRevenue[m],
                Ratio.Average(cohortRevenue[m], cohortCustomers[m]),
                marginRate is { } rate ? Ratio.Average(cohortRevenue[m] * rate, cohortCustomers[m]) : null));
        }

        return new HistoricClv(marginRate, customers, cohorts, KeyCustomersOf(customers, table));
    }

    /// <summary>The first ⌈n / 10⌉ customers by revenue, highest first; equal revenue in ordinal key order.</summary>
    private static CustomerValue[] KeyCustomersOf(CustomerValue[] customers, PurchaseTable table)
    {
        var ascending = table.RevenueOrder;
        var revenue = table.CustomerRevenue;
        var top = new CustomerValue[(customers.Length + 9) / 10];
        // Walk the ascending ranking down, one run of equal revenue at a time, each run in its own (key) order.
        for (int filled = 0, runEnd = ascending.Length; filled < top.Length;)
        {
            var runStart = runEnd - 1;
            while (runStart > 0 && revenue[ascending[runStart - 1]] == revenue[ascending[runEnd - 1]]) runStart--;
            for (var p = runStart; p < runEnd && filled < top.Length; p++) top[filled++] = customers[ascending[p]];
            runEnd = runStart;
        }
        return top;
    }
}
