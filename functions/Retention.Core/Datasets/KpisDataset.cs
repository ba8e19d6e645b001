using Retention.Core.Nightly;

namespace Retention.Core.Datasets;

/// <summary>
/// The day's headline figures in one row. In Table storage it is the <c>snapshots</c> row of the shop and day, which is
/// also the day's commit record (<c>docs/storage.md</c>, "Reading a day").
/// </summary>
public static class KpisDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<NightlyFigures>("kpis", "shop and day", "snapshots",
        night => [night],
        c => c
            .Text("currency", n => n.Headline.Currency)
            .Int("customers", n => n.Headline.Customers)
            .Int("new_customers", n => n.Headline.NewCustomers)
            .Int("repeat_customers", n => n.Headline.RepeatCustomers)
            .Int("orders", n => n.Headline.Orders)
            .Int("orders_on_day", n => n.Headline.OrdersOnDay)
            .Decimal("net_revenue", n => n.Headline.NetRevenue)
            .Decimal("net_revenue_on_day", n => n.Headline.NetRevenueOnDay)
            .Decimal("average_order_value", n => n.Headline.AverageOrderValue)
            .Decimal("repeat_purchase_rate", n => n.Headline.RepeatPurchaseRate)
            .Decimal("purchase_frequency", n => n.Headline.PurchaseFrequency)
            .Decimal("average_days_between_orders", n => n.Retention.Lifetime.AverageDaysBetweenOrders)
            // The churn threshold in force, and where it came from, so a reader knows what "churned" meant that night.
            .Int("churn_days", n => n.Retention.Churn.Threshold.Days)
            .Text("churn_threshold_source", n => n.Retention.Churn.Threshold.Source.ToString())
            .Int("active_customers", n => n.Retention.Churn.ActiveCustomers)
            .Int("churned_customers", n => n.Retention.Churn.ChurnedCustomers)
            .Decimal("gross_margin_rate", n => n.Retention.Settings.GrossMarginRate)
            .Decimal("nps", n => n.Feedback.Overall.Nps.Score)
            .Int("nps_answers", n => n.Feedback.Overall.Nps.Answers)
            .Decimal("csat", n => n.Feedback.Overall.Csat.Score)
            .Int("csat_answers", n => n.Feedback.Overall.Csat.Answers)
            // Whether the night could forecast, and with which model; the estimates are in model_report.
            .Text("forecast_model", n => n.Forecast.Forecast.Model)
            .Text("forecast_status", n => n.Forecast.Forecast.IsFitted ? "fitted" : n.Forecast.Forecast.Failure!.Reason.ToString())
            .Text("forecast_reason", n => n.Forecast.Forecast.Failure?.Message),
        key: [], layout: TableLayout.DayRow);
}
