using Retention.Core.Metrics;
using Retention.Core.Spend;

namespace Retention.Core.Datasets;

/// <summary>
/// One row per calendar month from the first purchase: the month's purchases, its churn and retention, and the cost of
/// retention where spend was recorded. A month without a churn, retention or cost figure has nulls there.
/// </summary>
public static class MonthsDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<(PeriodFigures Purchases, ChurnMonth? Churn, RetentionMonth? Retention, RetentionCostMonth? Cost)>(
        "months", "calendar month from the first purchase", "snapshotmonths",
        night =>
        {
            var churn = night.Retention.Churn.Months.ToDictionary(m => m.Month);
            var retention = night.Retention.Retention.ToDictionary(m => m.Month);
            var cost = night.Cost.ToDictionary(m => m.Month);
            return night.Retention.Months.Select(m =>
                (m, churn.GetValueOrDefault(m.From), retention.GetValueOrDefault(m.From), cost.GetValueOrDefault(m.From)));
        },
        c => c
            .Month("month", r => r.Purchases.From)
            .Boolean("is_partial", r => r.Purchases.IsPartial)
            .Int("customers", r => r.Purchases.Customers)
            .Int("new_customers", r => r.Purchases.NewCustomers)
            .Int("returning_customers", r => r.Purchases.ReturningCustomers)
            .Int("repeat_customers", r => r.Purchases.RepeatCustomers)
            .Int("orders", r => r.Purchases.Orders)
            .Decimal("net_revenue", r => r.Purchases.NetRevenue)
            .Decimal("repeat_purchase_rate", r => r.Purchases.RepeatPurchaseRate)
            .Decimal("purchase_frequency", r => r.Purchases.PurchaseFrequency)
            .Decimal("average_order_value", r => r.Purchases.AverageOrderValue)
            .Decimal("average_days_between_orders", r => r.Purchases.AverageDaysBetweenOrders)
            .Int("active_at_start", r => r.Churn?.ActiveAtStart)
            .Int("reactivated_customers", r => r.Churn?.ReactivatedCustomers)
            .Int("churned_customers", r => r.Churn?.ChurnedCustomers)
            .Int("active_at_end", r => r.Churn?.ActiveAtEnd)
            .Decimal("churn_rate", r => r.Churn?.ChurnRate)
            .Decimal("lost_revenue", r => r.Churn?.LostRevenue)
            .Decimal("retention_rate", r => r.Retention?.Rate)
            .Decimal("retention_spend", r => r.Cost?.Spend)
            .Int("retained_customers", r => r.Cost?.RetainedCustomers)
            .Decimal("cost_per_retained_customer", r => r.Cost?.CostPerRetainedCustomer)
            .Decimal("returning_revenue", r => r.Cost?.ReturningRevenue)
            .Decimal("retention_roi", r => r.Cost?.Roi),
        key: ["month"]);
}
