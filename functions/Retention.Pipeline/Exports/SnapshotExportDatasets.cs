using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Pipeline.Snapshots;
using static Retention.Pipeline.Exports.ExportType;

namespace Retention.Pipeline.Exports;

/// <summary>
/// A night's figures laid out as the export datasets (<c>docs/exports.md</c>): the same numbers as the snapshot
/// tables, with real types and one stable snake_case schema per dataset. The shop and the as-of day are not columns:
/// they are the Hive partition (<c>shop=…/as_of=…</c>) every reader adds back.
/// </summary>
public static class SnapshotExportDatasets
{
    public const string Kpis = "kpis", Cohorts = "cohorts", Months = "months", Segments = "rfm_segments", Customers = "customers",
        CohortValue = "cohort_value", Feedback = "feedback", LeavingReasons = "leaving_reasons", ModelReport = "model_report";

    public static IReadOnlyList<string> Names { get; } = [Kpis, Cohorts, Months, Segments, Customers, CohortValue, Feedback, LeavingReasons, ModelReport];

    public static IReadOnlyList<ExportDataset> From(NightlySnapshot snapshot) =>
        [KpiRows(snapshot), CohortRows(snapshot.Retention), MonthRows(snapshot), SegmentRows(snapshot.Retention),
            CustomerRows(snapshot.Retention, snapshot.Forecast), CohortValueRows(snapshot.Retention), FeedbackRows(snapshot.Feedback), ReasonRows(snapshot.Feedback),
            ModelReportRows(snapshot.Forecast)];

    private static ExportColumn C(string name, ExportType type) => new(name, type);

    /// <summary>The per-customer dataset's columns: the one dataset that names customers, so the one an erasure rewrites.</summary>
    public static IReadOnlyList<ExportColumn> CustomerColumns { get; } =
        [C("customer_key", Text), C("first_purchase", Date), C("orders", Int), C("net_revenue", ExportType.Decimal), C("gross_margin", ExportType.Decimal),
            C("recency_days", Int), C("r", Int), C("f", Int), C("m", Int), C("segment", Text), C("key_customer_rank", Int),
            C("p_alive", ExportType.Double), C("churn_risk", Text), C("expected_purchases_30d", ExportType.Double),
            C("expected_purchases_90d", ExportType.Double), C("expected_purchases_365d", ExportType.Double),
            C("expected_average_spend", ExportType.Double), C("predicted_clv", ExportType.Double), C("next_order_by", Date)];

    private static ExportDataset KpiRows(NightlySnapshot s)
    {
        var (summary, retention, feedback) = (s.Summary, s.Retention, s.Feedback);
        return ExportDataset.Create(Kpis,
            [C("currency", Text), C("customers", Int), C("new_customers", Int), C("repeat_customers", Int), C("orders", Int), C("orders_on_day", Int),
                C("net_revenue", ExportType.Decimal), C("net_revenue_on_day", ExportType.Decimal), C("average_order_value", ExportType.Decimal),
                C("repeat_purchase_rate", ExportType.Decimal), C("purchase_frequency", ExportType.Decimal), C("average_days_between_orders", ExportType.Decimal),
                C("churn_days", Int), C("churn_threshold_source", Text), C("active_customers", Int), C("churned_customers", Int),
                C("gross_margin_rate", ExportType.Decimal), C("nps", ExportType.Decimal), C("nps_answers", Int), C("csat", ExportType.Decimal), C("csat_answers", Int)],
            [[summary.Currency, summary.Customers, summary.NewCustomers, summary.RepeatCustomers, summary.Orders, summary.OrdersOnDay,
                summary.NetRevenue, summary.NetRevenueOnDay, summary.AverageOrderValue, summary.RepeatPurchaseRate, summary.PurchaseFrequency,
                retention.Lifetime.AverageDaysBetweenOrders, retention.Churn.Threshold.Days, retention.Churn.Threshold.Source.ToString(),
                retention.Churn.ActiveCustomers, retention.Churn.ChurnedCustomers, retention.Settings.GrossMarginRate,
                feedback.Overall.Nps.Score, feedback.Overall.Nps.Answers, feedback.Overall.Csat.Score, feedback.Overall.Csat.Answers]]);
    }

    private static ExportDataset CohortRows(RetentionFigures figures) => ExportDataset.Create(Cohorts,
        [C("period", Text), C("cohort", Text), C("cohort_start", Date), C("cohort_size", Int), C("periods_since_acquisition", Int),
            C("period_start", Date), C("active_customers", Int), C("active_share", ExportType.Decimal), C("net_revenue", ExportType.Decimal),
            C("revenue_versus_first_period", ExportType.Decimal), C("is_partial", ExportType.Boolean)],
        new[] { figures.MonthlyCohorts, figures.WeeklyCohorts }.SelectMany(matrix => matrix.Cohorts.SelectMany(cohort => cohort.Cells.Select(cell =>
            new object?[]
            {
                matrix.Period == CohortPeriod.Month ? "month" : "week", cohort.Label, cohort.Start, cohort.Size, cell.PeriodsSinceAcquisition,
                cell.PeriodStart, cell.ActiveCustomers, cell.ActiveShare, cell.NetRevenue, cell.RevenueVersusFirstPeriod, cell.IsPartial,
            }))));

    private static ExportDataset MonthRows(NightlySnapshot s)
    {
        var figures = s.Retention;
        var churn = figures.Churn.Months.ToDictionary(m => m.Month);
        var retention = figures.Retention.ToDictionary(m => m.Month);
        var costs = s.Cost.ToDictionary(m => m.Month);
        return ExportDataset.Create(Months,
            [C("month", Date), C("is_partial", ExportType.Boolean), C("customers", Int), C("new_customers", Int), C("returning_customers", Int),
                C("repeat_customers", Int), C("orders", Int), C("net_revenue", ExportType.Decimal), C("repeat_purchase_rate", ExportType.Decimal),
                C("purchase_frequency", ExportType.Decimal), C("average_order_value", ExportType.Decimal), C("average_days_between_orders", ExportType.Decimal),
                C("active_at_start", Int), C("reactivated_customers", Int), C("churned_customers", Int), C("active_at_end", Int),
                C("churn_rate", ExportType.Decimal), C("lost_revenue", ExportType.Decimal), C("retention_rate", ExportType.Decimal),
                C("retention_spend", ExportType.Decimal), C("retained_customers", Int), C("cost_per_retained_customer", ExportType.Decimal),
                C("returning_revenue", ExportType.Decimal), C("retention_roi", ExportType.Decimal)],
            figures.Months.Select(m =>
            {
                var c = churn.GetValueOrDefault(m.From);
                var r = retention.GetValueOrDefault(m.From);
                var k = costs.GetValueOrDefault(m.From);
                return new object?[]
                {
                    m.From, m.IsPartial, m.Customers, m.NewCustomers, m.ReturningCustomers, m.RepeatCustomers, m.Orders, m.NetRevenue,
                    m.RepeatPurchaseRate, m.PurchaseFrequency, m.AverageOrderValue, m.AverageDaysBetweenOrders,
                    c?.ActiveAtStart, c?.ReactivatedCustomers, c?.ChurnedCustomers, c?.ActiveAtEnd, c?.ChurnRate, c?.LostRevenue, r?.Rate,
                    k?.Spend, k?.RetainedCustomers, k?.CostPerRetainedCustomer, k?.ReturningRevenue, k?.Roi,
                };
            }));
    }

    private static ExportDataset SegmentRows(RetentionFigures figures) => ExportDataset.Create(Segments,
        [C("segment", Text), C("customers", Int), C("net_revenue", ExportType.Decimal)],
        figures.Rfm.Segments.Select(s => new object?[] { s.Segment.ToString(), s.Customers, s.NetRevenue }));

    /// <summary>
    /// Every customer's scores: historic CLV, RFM, the key-customer rank of the top decile, and the forecast (null for
    /// every customer when the night could not fit a model: the model report says why).
    /// </summary>
    private static ExportDataset CustomerRows(RetentionFigures figures, NightlyForecast forecast)
    {
        var predictions = forecast.Customers.ToDictionary(p => p.CustomerKey, StringComparer.Ordinal);
        var rfm = figures.Rfm.Customers.ToDictionary(c => c.CustomerKey, StringComparer.Ordinal);
        var rank = figures.Clv.KeyCustomers.Select((c, i) => (c.CustomerKey, Rank: i + 1)).ToDictionary(x => x.CustomerKey, x => x.Rank, StringComparer.Ordinal);
        return ExportDataset.Create(Customers,
            CustomerColumns,
            figures.Clv.Customers.Select(c =>
            {
                var s = rfm.GetValueOrDefault(c.CustomerKey);
                var p = predictions.GetValueOrDefault(c.CustomerKey);
                return new object?[]
                {
                    c.CustomerKey, c.FirstPurchase, c.Orders, c.NetRevenue, c.GrossMargin, s?.RecencyDays, s?.R, s?.F, s?.M, s?.Segment.ToString(),
                    rank.TryGetValue(c.CustomerKey, out var r) ? r : null,
                    Finite(p?.ProbabilityAlive), p?.ChurnRisk.ToString().ToLowerInvariant(), Finite(p?.ExpectedPurchases30), Finite(p?.ExpectedPurchases90),
                    Finite(p?.ExpectedPurchases365), Finite(p?.ExpectedAverageSpend), Finite(p?.PredictedClv), p?.NextOrderBy,
                };
            }));
    }

    private static ExportDataset CohortValueRows(RetentionFigures figures) => ExportDataset.Create(CohortValue,
        [C("cohort", Date), C("customers", Int), C("net_revenue", ExportType.Decimal), C("average_net_revenue", ExportType.Decimal),
            C("average_gross_margin", ExportType.Decimal)],
        figures.Clv.Cohorts.Select(c => new object?[] { c.Cohort, c.Customers, c.NetRevenue, c.AverageNetRevenue, c.AverageGrossMargin }));

    /// <summary>One row per month of answers (<c>month</c> its first day) and one with <c>month</c> null for every answer to the day.</summary>
    private static ExportDataset FeedbackRows(FeedbackFigures feedback) => ExportDataset.Create(Feedback,
        [C("month", Date), C("is_partial", ExportType.Boolean), C("nps", ExportType.Decimal), C("promoters", Int), C("passives", Int), C("detractors", Int),
            C("csat", ExportType.Decimal), C("satisfied", Int), C("unsatisfied", Int)],
        feedback.Months.Select(m => Scores(m.Month, m.IsPartial, m.Scores)).Append(Scores(null, false, feedback.Overall)));

    private static object?[] Scores(DateOnly? month, bool isPartial, FeedbackScores s) =>
        [month, isPartial, s.Nps.Score, s.Nps.Promoters, s.Nps.Passives, s.Nps.Detractors, s.Csat.Score, s.Csat.Satisfied, s.Csat.Unsatisfied];

    private static ExportDataset ModelReportRows(NightlyForecast forecast) => ExportDataset.Create(ModelReport,
        [C("section", Text), C("model", Text), C("name", Text), C("value", ExportType.Double), C("standard_error", ExportType.Double),
            C("customers", Int), C("actual", ExportType.Double), C("predicted", ExportType.Double), C("text", Text)],
        Retention.Core.Models.ModelReport.Rows(forecast).Select(r => new object?[]
            { r.Section, r.Model, r.Name, r.Value, r.StandardError, r.Customers, r.Actual, r.Predicted, r.Text }));

    private static double? Finite(double? value) => ModelReportRow.Finite(value);

    private static ExportDataset ReasonRows(FeedbackFigures feedback) => ExportDataset.Create(LeavingReasons,
        [C("reason", Text), C("customer_status", Text), C("answers", Int)],
        feedback.Reasons.Select(r => new object?[] { r.Reason.ToString(), r.Status.ToString(), r.Answers }));
}
