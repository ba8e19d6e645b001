using System.Globalization;
using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>The headline figures as cards: the numbers a shop owner looks at first, each with its context underneath.</summary>
public static class KpiSection
{
    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var (summary, retention, feedback) = (snapshot.Headline, snapshot.Retention, snapshot.Feedback);
        var currency = summary.Currency;
        var keyRevenue = retention.Clv.KeyCustomers.Sum(c => c.NetRevenue);
        ReportBlocks.OpenSection(html, "kpis", "Headline figures",
            $"Lifetime figures up to the end of {Day(summary.AsOf)}, with the day itself underneath.");
        html.Append("<dl class=\"kpis\">");
        Card(html, "customers", "Customers", Count(summary.Customers), $"{Count(summary.NewCustomers)} new on the day");
        Card(html, "active", "Active / churned", $"{Count(retention.Churn.ActiveCustomers)} / {Count(retention.Churn.ChurnedCustomers)}",
            $"churned after {retention.Churn.Threshold.Days} days without a purchase");
        Card(html, "orders", "Orders", Count(summary.Orders), $"{Count(summary.OrdersOnDay)} on the day");
        Card(html, "net-revenue", $"Net revenue ({currency})", Money(summary.NetRevenue), $"{Money(summary.NetRevenueOnDay)} on the day");
        Card(html, "aov", $"Average order value ({currency})", summary.Orders == 0 ? None : Money(summary.AverageOrderValue), "net of refunds");
        Card(html, "repeat-rate", "Repeat-purchase rate", summary.Customers == 0 ? None : Percent(summary.RepeatPurchaseRate),
            $"{Count(summary.RepeatCustomers)} customers with two orders or more");
        Card(html, "frequency", "Purchase frequency", summary.Customers == 0 ? None : Number(summary.PurchaseFrequency, 2), "orders per customer");
        Card(html, "days-between", "Days between orders", Number(retention.Lifetime.AverageDaysBetweenOrders, 1), "average gap between purchase days");
        Card(html, "churn-threshold", "Churn threshold", $"{retention.Churn.Threshold.Days} days", ReportLabels.ThresholdSource(retention.Churn.Threshold.Source));
        Card(html, "key-customers", "Key customers", Count(retention.Clv.KeyCustomers.Count),
            summary.NetRevenue > 0 ? $"top decile: {Percent(keyRevenue / summary.NetRevenue)} of net revenue" : "top decile by historic CLV");
        Card(html, "nps", "NPS", Score(feedback.Overall.Nps.Score), $"{Count(feedback.Overall.Nps.Answers)} answers");
        Card(html, "csat", "CSAT", feedback.Overall.Csat.Score is { } csat ? Score(csat) + " %" : None, $"{Count(feedback.Overall.Csat.Answers)} answers");
        html.Append("</dl>");
        ReportBlocks.CloseSection(html);
    }

    private static void Card(StringBuilder html, string key, string label, string value, string note) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"kpi\" data-kpi=\"{ReportHtml.Encode(key)}\"><dt>{ReportHtml.Encode(label)}</dt>")
            .Append(CultureInfo.InvariantCulture, $"<dd class=\"value\">{ReportHtml.Encode(value)}</dd><dd class=\"note\">{ReportHtml.Encode(note)}</dd></div>");
}
