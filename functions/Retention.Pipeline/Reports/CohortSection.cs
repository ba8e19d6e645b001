using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>Monthly cohort retention: the heatmap of the full triangle, and the same shares as a table.</summary>
public static class CohortSection
{
    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var matrix = snapshot.Retention.MonthlyCohorts;
        ReportBlocks.OpenSection(html, "cohorts", "Cohort retention",
            "Customers grouped by the month of their first purchase (rows); each cell is the share of the cohort that bought again " +
            "that many months later (m0 is the first month, always 100 %). Darker is more.");
        if (matrix.Cohorts.Count == 0)
        {
            ReportBlocks.NoData(html, "cohorts", "no customer has bought yet, so there is no cohort.");
            ReportBlocks.CloseSection(html);
            return;
        }
        ReportBlocks.Chart(html, CohortHeatmapSvg.Render(matrix, "cohort-heatmap", "Monthly cohort retention heatmap: active share by months since first purchase"),
            "Hover a cell for its counts; a dashed cell is the month in progress.");
        var columns = matrix.Cohorts.Max(c => c.Cells.Count);
        ReportBlocks.Table(html, "cohort-table", "The triangle as a table",
            ["cohort", "size", .. Enumerable.Range(0, columns).Select(k => "m" + k)],
            matrix.Cohorts.Select(c => (IReadOnlyList<string>)
                [c.Label, Count(c.Size), .. Enumerable.Range(0, columns).Select(k => k < c.Cells.Count ? Percent(c.Cells[k].ActiveShare) : "")]));
        ReportBlocks.CloseSection(html);
    }
}
