using System.Globalization;
using Azure.Data.Tables;
using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Core.Spend;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Lays a night's retention figures out as rows, one table per dataset and one row per cell
/// (<c>docs/storage.md</c>), so Power BI or a script reads a day of one dataset with one partition query.
/// Decimals are invariant text (Table storage has no decimal type); ratios keep six decimals.
/// </summary>
public sealed class SnapshotDatasets(SnapshotDayWriter writer)
{
    /// <summary>Replaces the day's rows of every dataset table with this run's (each row carrying <paramref name="runId"/>).</summary>
    /// <returns>table name → rows written, for the summary row that commits the run.</returns>
    public async Task<IReadOnlyDictionary<string, int>> WriteAsync(NightlySnapshot snapshot, string runId, CancellationToken cancellationToken)
    {
        var (shopId, figures, cost) = (snapshot.Summary.ShopId, snapshot.Retention, snapshot.Cost);
        var partition = SnapshotDayWriter.PartitionKey(shopId, figures.AsOf);
        var day = figures.AsOf;
        (string Table, List<TableEntity> Rows)[] tables =
        [
            (StorageNames.CohortCellsTable, CohortRows(partition, figures)),
            (StorageNames.MonthlyFiguresTable, MonthRows(partition, figures, cost)),
            (StorageNames.RfmSegmentsTable, SegmentRows(partition, figures)),
            (StorageNames.KeyCustomersTable, KeyCustomerRows(partition, figures)),
            (StorageNames.CohortValueTable, CohortValueRows(partition, figures)),
            (StorageNames.FeedbackFiguresTable, FeedbackRows(partition, snapshot.Feedback)),
            (StorageNames.LeavingReasonsTable, ReasonRows(partition, snapshot.Feedback)),
            (StorageNames.ModelReportTable, ModelRows(partition, snapshot.Forecast)),
        ];
        var written = await Task.WhenAll(tables.Select(t => writer.ReplaceDayAsync(t.Table, shopId, day, runId, t.Rows, cancellationToken)));
        return tables.Select((t, i) => (t.Table, Rows: written[i])).ToDictionary(t => t.Table, t => t.Rows, StringComparer.Ordinal);
    }

    private static List<TableEntity> CohortRows(string partition, RetentionFigures figures) =>
        [.. new[] { figures.MonthlyCohorts, figures.WeeklyCohorts }.SelectMany(matrix => matrix.Cohorts.SelectMany(cohort => cohort.Cells.Select(cell =>
            new TableEntity(partition, $"{Period(matrix.Period)}:{Date(cohort.Start)}:{cell.PeriodsSinceAcquisition:D4}")
            {
                ["Period"] = Period(matrix.Period),
                ["Cohort"] = cohort.Label,
                ["CohortStart"] = Date(cohort.Start),
                ["CohortSize"] = cohort.Size,
                ["PeriodsSinceAcquisition"] = cell.PeriodsSinceAcquisition,
                ["PeriodStart"] = Date(cell.PeriodStart),
                ["ActiveCustomers"] = cell.ActiveCustomers,
                ["ActiveShare"] = Text(cell.ActiveShare),
                ["NetRevenue"] = Text(cell.NetRevenue),
                ["RevenueVersusFirstPeriod"] = Text(cell.RevenueVersusFirstPeriod),
                ["IsPartial"] = cell.IsPartial,
            })))];

    private static List<TableEntity> MonthRows(string partition, RetentionFigures figures, IReadOnlyList<RetentionCostMonth> cost)
    {
        var churn = figures.Churn.Months.ToDictionary(m => m.Month);
        var retention = figures.Retention.ToDictionary(m => m.Month);
        var costs = cost.ToDictionary(m => m.Month);
        return [.. figures.Months.Select(m =>
        {
            var row = new TableEntity(partition, Date(m.From)[..7])
            {
                ["Month"] = Date(m.From)[..7],
                ["IsPartial"] = m.IsPartial,
                ["Customers"] = m.Customers,
                ["NewCustomers"] = m.NewCustomers,
                ["ReturningCustomers"] = m.ReturningCustomers,
                ["RepeatCustomers"] = m.RepeatCustomers,
                ["Orders"] = m.Orders,
                ["NetRevenue"] = Text(m.NetRevenue),
                ["RepeatPurchaseRate"] = Text(m.RepeatPurchaseRate),
                ["PurchaseFrequency"] = Text(m.PurchaseFrequency),
                ["AverageOrderValue"] = Text(m.AverageOrderValue),
                ["AverageDaysBetweenOrders"] = Text(m.AverageDaysBetweenOrders),
            };
            if (churn.TryGetValue(m.From, out var c))
            {
                row["ActiveAtStart"] = c.ActiveAtStart;
                row["ReactivatedCustomers"] = c.ReactivatedCustomers;
                row["ChurnedCustomers"] = c.ChurnedCustomers;
                row["ActiveAtEnd"] = c.ActiveAtEnd;
                row["ChurnRate"] = Text(c.ChurnRate);
                row["LostRevenue"] = Text(c.LostRevenue);
            }
            if (retention.TryGetValue(m.From, out var r)) row["RetentionRate"] = Text(r.Rate);
            if (costs.TryGetValue(m.From, out var k))
            {
                row["RetentionSpend"] = Text(k.Spend);
                row["RetainedCustomers"] = k.RetainedCustomers;
                row["CostPerRetainedCustomer"] = Text(k.CostPerRetainedCustomer);
                row["ReturningRevenue"] = Text(k.ReturningRevenue);
                row["RetentionRoi"] = Text(k.Roi);
            }
            return row;
        })];
    }

    private static List<TableEntity> SegmentRows(string partition, RetentionFigures figures) =>
        [.. figures.Rfm.Segments.Select(s => new TableEntity(partition, s.Segment.ToString())
        {
            ["Segment"] = s.Segment.ToString(),
            ["Customers"] = s.Customers,
            ["NetRevenue"] = Text(s.NetRevenue),
        })];

    private static List<TableEntity> KeyCustomerRows(string partition, RetentionFigures figures)
    {
        var rfm = figures.Rfm.Customers.ToDictionary(c => c.CustomerKey, StringComparer.Ordinal);
        return [.. figures.Clv.KeyCustomers.Select((c, rank) =>
        {
            var scores = rfm.GetValueOrDefault(c.CustomerKey);
            return new TableEntity(partition, (rank + 1).ToString("D6", CultureInfo.InvariantCulture))
            {
                ["Rank"] = rank + 1,
                ["CustomerKey"] = c.CustomerKey,
                ["FirstPurchase"] = Date(c.FirstPurchase),
                ["Orders"] = c.Orders,
                ["NetRevenue"] = Text(c.NetRevenue),
                ["GrossMargin"] = Text(c.GrossMargin),
                ["RecencyDays"] = scores?.RecencyDays,
                ["Segment"] = scores?.Segment.ToString(),
            };
        })];
    }

    private static List<TableEntity> CohortValueRows(string partition, RetentionFigures figures) =>
        [.. figures.Clv.Cohorts.Select(c => new TableEntity(partition, Date(c.Cohort)[..7])
        {
            ["Cohort"] = Date(c.Cohort)[..7],
            ["Customers"] = c.Customers,
            ["NetRevenue"] = Text(c.NetRevenue),
            ["AverageNetRevenue"] = Text(c.AverageNetRevenue),
            ["AverageGrossMargin"] = Text(c.AverageGrossMargin),
        })];

    /// <summary>One row per month of answers, and one row <c>all</c> for every answer up to the day.</summary>
    private static List<TableEntity> FeedbackRows(string partition, FeedbackFigures feedback) =>
        [.. feedback.Months.Select(m => FeedbackRow(partition, Date(m.Month)[..7], m.IsPartial, m.Scores)),
            FeedbackRow(partition, "all", false, feedback.Overall)];

    private static TableEntity FeedbackRow(string partition, string key, bool isPartial, FeedbackScores scores) => new(partition, key)
    {
        ["Month"] = key,
        ["IsPartial"] = isPartial,
        ["Nps"] = Text(scores.Nps.Score),
        ["Promoters"] = scores.Nps.Promoters,
        ["Passives"] = scores.Nps.Passives,
        ["Detractors"] = scores.Nps.Detractors,
        ["Csat"] = Text(scores.Csat.Score),
        ["Satisfied"] = scores.Csat.Satisfied,
        ["Unsatisfied"] = scores.Csat.Unsatisfied,
    };

    private static List<TableEntity> ReasonRows(string partition, FeedbackFigures feedback) =>
        [.. feedback.Reasons.Select(r => new TableEntity(partition, $"{r.Reason}:{r.Status}")
        {
            ["Reason"] = r.Reason.ToString(),
            ["CustomerStatus"] = r.Status.ToString(),
            ["Answers"] = r.Answers,
        })];

    /// <summary>The model report's lines (<see cref="ModelReport"/>), RowKey <c>{section}:{model}:{name}</c>; estimates are doubles.</summary>
    private static List<TableEntity> ModelRows(string partition, NightlyForecast forecast) =>
        [.. ModelReport.Rows(forecast).Select(r => new TableEntity(partition, TableKey.Escape($"{r.Section}:{r.Model}:{r.Name}"))
        {
            ["Section"] = r.Section,
            ["Model"] = r.Model,
            ["Name"] = r.Name,
            ["Value"] = r.Value,
            ["StandardError"] = r.StandardError,
            ["Customers"] = r.Customers,
            ["Actual"] = r.Actual,
            ["Predicted"] = r.Predicted,
            ["Text"] = r.Text,
        })];

    private static string Period(CohortPeriod period) => period == CohortPeriod.Month ? "month" : "week";
    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
