using System.Globalization;
using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>
/// The RFM segments' sizes and revenue: one bar per segment that has customers (an empty segment has nothing to draw),
/// all eleven in the table. The segments that are slipping away are drawn in a warm colour.
/// </summary>
public static class SegmentSection
{
    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var segments = snapshot.Retention.Rfm.Segments;
        var currency = snapshot.Headline.Currency;
        ReportBlocks.OpenSection(html, "segments", "RFM segments",
            "Customers scored 1–5 on recency, frequency and monetary value against this shop's own customers, and named by the segment map " +
            "(definitions in docs/metrics.md). Warm bars are the segments at risk.");
        var filled = segments.Where(s => s.Customers > 0).ToList();
        if (filled.Count == 0)
        {
            ReportBlocks.NoData(html, "segments", "no customer has bought yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        string? Risk(Core.Metrics.RfmSegment segment) => AtRiskCustomers.RiskSegments.Contains(segment) ? "risk" : null;
        html.Append("<div class=\"pair\"><div><h3>Customers</h3>");
        ReportBlocks.Chart(html, BarChartSvg.Render("segment-customers", "Customers per RFM segment", [new BarSeries("customers", "series-0")],
            [.. filled.Select(s => new BarRow(s.Segment.ToString(), ReportLabels.Segment(s.Segment), [s.Customers], [Count(s.Customers)], Risk(s.Segment)))]));
        html.Append(CultureInfo.InvariantCulture, $"</div><div><h3>Net revenue ({ReportHtml.Encode(currency)})</h3>");
        ReportBlocks.Chart(html, BarChartSvg.Render("segment-revenue", $"Net revenue per RFM segment, {currency}", [new BarSeries("net revenue", "series-1")],
            [.. filled.Select(s => new BarRow(s.Segment.ToString(), ReportLabels.Segment(s.Segment), [s.NetRevenue], [Money(s.NetRevenue)], Risk(s.Segment)))]));
        html.Append("</div></div>");
        var customers = segments.Sum(s => s.Customers);
        ReportBlocks.Table(html, "segment-table", "All eleven segments as a table",
            ["segment", "customers", "share of customers", $"net revenue ({currency})"],
            segments.Select(s => (IReadOnlyList<string>)
                [ReportLabels.Segment(s.Segment), Count(s.Customers), Percent(customers == 0 ? null : (decimal)s.Customers / customers), Money(s.NetRevenue)]));
        ReportBlocks.CloseSection(html);
    }
}
