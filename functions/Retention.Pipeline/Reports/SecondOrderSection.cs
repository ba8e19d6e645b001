using System.Globalization;
using System.Text;
using Retention.Core.Dimensions;
using Retention.Core.Nightly;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>
/// How long until the second order: a histogram of the days from first to second purchase over all customers, its
/// quartiles, and the same per first-purchase month as a table (the months show whether the gap is shrinking).
/// </summary>
public static class SecondOrderSection
{
    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var rows = snapshot.Dimensions.TimeToSecondOrder;
        ReportBlocks.OpenSection(html, "second-order", "Time to second order",
            "Days from a customer's first purchase to their second, for the customers who have one. The median is the day by which half of them had ordered again.");
        if (rows.Count == 0 || rows[0].SecondOrderCustomers == 0)
        {
            ReportBlocks.NoData(html, "time_to_second_order", "no customer has a second order yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        var all = rows[0];
        var edges = SecondOrderTiming.BucketStartDays;
        var columns = all.Buckets.Select((count, b) => new HistogramColumn("bucket-" + b, BucketLabel(edges, b), count,
            $"{BucketLabel(edges, b)} days: {Count(count)} customers ({Percent((decimal)count / all.SecondOrderCustomers)})")).ToList();
        ReportBlocks.Chart(html, HistogramSvg.Render("second-order-histogram", "Customers by days from first to second order", columns, "customers"),
            $"{Count(all.SecondOrderCustomers)} of {Count(all.Customers)} customers ordered a second time. Quartiles: {Days(all.P25Days)}, " +
            $"median {Days(all.MedianDays)}, {Days(all.P75Days)} days.");
        ReportBlocks.Table(html, "second-order-table", "Per first-purchase month as a table",
            ["first purchase", "customers", "with a second order", "25 %", "median", "75 %", "average days"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                r.FirstPurchaseMonth is { } month ? Month(month) : "all", Count(r.Customers), Count(r.SecondOrderCustomers),
                Days(r.P25Days), Days(r.MedianDays), Days(r.P75Days), Days(r.AverageDays),
            ]));
        ReportBlocks.CloseSection(html);
    }

    private static string BucketLabel(IReadOnlyList<int> edges, int bucket) =>
        bucket + 1 < edges.Count
            ? string.Create(CultureInfo.InvariantCulture, $"{edges[bucket]}–{edges[bucket + 1] - 1}")
            : string.Create(CultureInfo.InvariantCulture, $"≥ {edges[bucket]}");

    private static string Days(decimal? days) => Number(days, 1);
}
