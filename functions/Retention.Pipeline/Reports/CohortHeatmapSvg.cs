using System.Globalization;
using System.Text;
using Retention.Core.Metrics;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>
/// The monthly cohort triangle as a heatmap: one row per cohort (month of first purchase), one cell per month since
/// acquisition, coloured by the cohort's active share, the share written in the cell and in its tooltip. Every cell
/// is a <c>g</c> carrying <c>data-cohort-cell</c>, <c>data-cohort</c>, <c>data-k</c> and <c>data-share</c>, so the
/// triangle can be counted and read back.
/// </summary>
public static class CohortHeatmapSvg
{
    private const double CohortColumn = 74, SizeColumn = 52, Cell = 38, Row = 22, Header = 40, Legend = 34;

    /// <summary>
    /// Month 0 is always 100 %, later months mostly 5–30 %: on a linear scale they would all be the same pale blue.
    /// The square root spreads the low shares while keeping the order, and the legend shows the scale.
    /// </summary>
    public static string Fill(decimal share)
    {
        var t = Math.Sqrt((double)Math.Clamp(share, 0m, 1m));
        return $"hsl(212, 70%, {Coordinate(96 - t * 60)}%)";
    }

    private static bool IsDark(decimal share) => Math.Sqrt((double)Math.Clamp(share, 0m, 1m)) > 0.55;

    public static string Render(CohortMatrix matrix, string id, string label)
    {
        var cohorts = matrix.Cohorts;
        var columns = cohorts.Count == 0 ? 0 : cohorts.Max(c => c.Cells.Count);
        var width = CohortColumn + SizeColumn + Math.Max(columns, 6) * Cell + 8;
        var height = Header + cohorts.Count * Row + Legend;
        var html = new StringBuilder();
        SvgFrame.Open(html, id, label, width, height);

        SvgFrame.Text(html, 4, Header - 10, "cohort", "axis");
        SvgFrame.Text(html, CohortColumn + SizeColumn - 8, Header - 10, "size", "axis", "end");
        SvgFrame.Text(html, CohortColumn + SizeColumn, 14, "months since first purchase →", "axis");
        for (var k = 0; k < columns; k++)
            SvgFrame.Text(html, CohortColumn + SizeColumn + k * Cell + Cell / 2, Header - 10, "m" + k, "axis", "middle");

        for (var row = 0; row < cohorts.Count; row++)
        {
            var cohort = cohorts[row];
            var y = Header + row * Row;
            SvgFrame.Text(html, 4, y + Row / 2 + 4, cohort.Label, "label");
            SvgFrame.Text(html, CohortColumn + SizeColumn - 8, y + Row / 2 + 4, Count(cohort.Size), "label", "end");
            foreach (var cell in cohort.Cells)
            {
                var x = CohortColumn + SizeColumn + cell.PeriodsSinceAcquisition * Cell;
                var share = Percent(cell.ActiveShare, 0).Replace(" ", "", StringComparison.Ordinal);
                var tooltip = $"cohort {cohort.Label} ({Count(cohort.Size)} customers), month {cell.PeriodsSinceAcquisition} " +
                              $"({Month(cell.PeriodStart)}): {Count(cell.ActiveCustomers)} active, {Percent(cell.ActiveShare)}" +
                              (cell.IsPartial ? " (month in progress)" : "");
                html.Append(CultureInfo.InvariantCulture, $"<g class=\"cell{(cell.IsPartial ? " partial" : "")}\" data-cohort-cell=\"\" data-cohort=\"{ReportHtml.Encode(cohort.Label)}\" ")
                    .Append(CultureInfo.InvariantCulture, $"data-k=\"{cell.PeriodsSinceAcquisition}\" data-share=\"{Raw(cell.ActiveShare)}\">")
                    .Append(CultureInfo.InvariantCulture, $"<title>{ReportHtml.Encode(tooltip)}</title>")
                    .Append(CultureInfo.InvariantCulture, $"<rect x=\"{Coordinate(x + 1)}\" y=\"{Coordinate(y + 1)}\" width=\"{Coordinate(Cell - 2)}\" height=\"{Coordinate(Row - 2)}\" ")
                    .Append(CultureInfo.InvariantCulture, $"fill=\"{Fill(cell.ActiveShare)}\"/>");
                SvgFrame.Text(html, x + Cell / 2, y + Row / 2 + 4, share, IsDark(cell.ActiveShare) ? "cell-text dark" : "cell-text", "middle");
                html.Append("</g>");
            }
        }

        // The legend: the colour of a few shares, so the square-root scale is readable.
        var legendY = Header + cohorts.Count * Row + 12;
        SvgFrame.Text(html, 4, legendY + 12, "active share", "axis");
        var legendX = CohortColumn + SizeColumn;
        foreach (var share in new[] { 0m, 0.05m, 0.1m, 0.25m, 0.5m, 1m })
        {
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Coordinate(legendX)}\" y=\"{Coordinate(legendY)}\" width=\"16\" height=\"16\" fill=\"{Fill(share)}\" class=\"swatch\"/>");
            SvgFrame.Text(html, legendX + 20, legendY + 12, Percent(share, 0).Replace(" ", "", StringComparison.Ordinal), "axis");
            legendX += 62;
        }
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Coordinate(legendX)}\" y=\"{Coordinate(legendY)}\" width=\"16\" height=\"16\" class=\"swatch partial-swatch\"/>");
        SvgFrame.Text(html, legendX + 20, legendY + 12, "month in progress", "axis");
        SvgFrame.Close(html);
        return html.ToString();
    }
}
