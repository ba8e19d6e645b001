using System.Globalization;
using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>One column of a histogram: a bin's label, its count and the tooltip that explains it.</summary>
public sealed record HistogramColumn(string Key, string Label, int Count, string Tooltip);

/// <summary>
/// Vertical columns of counts on a round scale from 0, labels slanted below. Each column is a <c>rect</c> with
/// <c>data-chart</c>, <c>data-bin</c> and <c>data-count</c>.
/// </summary>
public static class HistogramSvg
{
    private const double Width = 760, Height = 280, Left = 58, Right = 18, Top = 14, Bottom = 76;

    public static string Render(string id, string label, IReadOnlyList<HistogramColumn> columns, string countAxis)
    {
        var ticks = ChartScale.Ticks(columns.Select(c => (decimal)c.Count).DefaultIfEmpty(0m).Max());
        var top = (double)ticks[^1];
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / Math.Max(1, columns.Count);
        double Y(double count) => Top + plotHeight * (1 - count / top);

        var html = new StringBuilder();
        SvgFrame.Open(html, id, label, Width, Height);
        foreach (var tick in ticks)
        {
            var y = Y((double)tick);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Coordinate(Left)}\" x2=\"{Coordinate(Width - Right)}\" y1=\"{Coordinate(y)}\" y2=\"{Coordinate(y)}\" class=\"grid\"/>");
            SvgFrame.Text(html, Left - 6, y + 4, Count((int)tick), "axis", "end");
        }
        SvgFrame.Text(html, 12, Top + plotHeight / 2, countAxis, "axis", "middle", $"transform=\"rotate(-90 12 {Coordinate(Top + plotHeight / 2)})\"");
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var x = Left + i * slot;
            var y = Y(column.Count);
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Coordinate(x + 2)}\" y=\"{Coordinate(y)}\" width=\"{Coordinate(Math.Max(1, slot - 4))}\" ")
                .Append(CultureInfo.InvariantCulture, $"height=\"{Coordinate(Top + plotHeight - y)}\" class=\"bar column\" data-chart=\"{ReportHtml.Encode(id)}\" ")
                .Append(CultureInfo.InvariantCulture, $"data-bin=\"{ReportHtml.Encode(column.Key)}\" data-count=\"{column.Count}\"><title>{ReportHtml.Encode(column.Tooltip)}</title></rect>");
            var labelX = x + slot / 2;
            var labelY = Top + plotHeight + 14;
            SvgFrame.Text(html, labelX, labelY, column.Label, "axis", "end",
                $"transform=\"rotate(-35 {Coordinate(labelX)} {Coordinate(labelY)})\"");
        }
        SvgFrame.Close(html);
        return html.ToString();
    }
}
