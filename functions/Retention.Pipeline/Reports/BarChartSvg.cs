using System.Globalization;
using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>One series of a bar chart: its name (legend, tooltip) and the CSS class that colours it.</summary>
public sealed record BarSeries(string Name, string CssClass);

/// <summary>One row of a bar chart: a bar per series, with the value's display text.</summary>
/// <param name="Key">Stable machine name of the row (data-bar), such as a segment's enum name.</param>
/// <param name="CssClass">An extra class for every bar of the row (at-risk segments are drawn warm).</param>
public sealed record BarRow(string Key, string Label, IReadOnlyList<decimal> Values, IReadOnlyList<string> Texts, string? CssClass = null);

/// <summary>
/// Horizontal bars, grouped per row when there is more than one series, all on one scale from 0. Each bar is a
/// <c>rect</c> with <c>data-chart</c>, <c>data-bar</c> (the row's key) and <c>data-series</c>, its value in a tooltip
/// and written after it.
/// </summary>
public static class BarChartSvg
{
    private const double LabelWidth = 150, BarArea = 420, ValueWidth = 110, BarHeight = 16, BarGap = 3, RowGap = 10, LegendHeight = 26;

    public static string Render(string id, string label, IReadOnlyList<BarSeries> series, IReadOnlyList<BarRow> rows)
    {
        var legend = series.Count > 1 ? LegendHeight : 0;
        var rowHeight = series.Count * (BarHeight + BarGap) - BarGap + RowGap;
        var width = LabelWidth + BarArea + ValueWidth;
        var height = legend + rows.Count * rowHeight + 4;
        var max = rows.SelectMany(r => r.Values).DefaultIfEmpty(0m).Max();
        var scale = max > 0 ? BarArea / (double)max : 0;

        var html = new StringBuilder();
        SvgFrame.Open(html, id, label, width, height);
        if (series.Count > 1)
        {
            var x = LabelWidth;
            foreach (var s in series)
            {
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Coordinate(x)}\" y=\"4\" width=\"14\" height=\"14\" class=\"bar {ReportHtml.Encode(s.CssClass)}\"/>");
                SvgFrame.Text(html, x + 18, 16, s.Name, "axis");
                x += 30 + s.Name.Length * 7;
            }
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var top = legend + r * rowHeight + RowGap / 2;
            SvgFrame.Text(html, LabelWidth - 8, top + (rowHeight - RowGap) / 2 + 4, row.Label, "label", "end");
            for (var s = 0; s < series.Count; s++)
            {
                var y = top + s * (BarHeight + BarGap);
                var value = row.Values[s];
                // A bar of a value above zero stays visible however small; zero draws no area.
                var length = value > 0 ? Math.Max(1, (double)value * scale) : 0;
                var classes = $"bar {series[s].CssClass}{(row.CssClass is null ? "" : " " + row.CssClass)}";
                var tooltip = series.Count > 1 ? $"{row.Label}, {series[s].Name}: {row.Texts[s]}" : $"{row.Label}: {row.Texts[s]}";
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Coordinate(LabelWidth)}\" y=\"{Coordinate(y)}\" width=\"{Coordinate(length)}\" height=\"{Coordinate(BarHeight)}\" ")
                    .Append(CultureInfo.InvariantCulture, $"class=\"{ReportHtml.Encode(classes)}\" data-chart=\"{ReportHtml.Encode(id)}\" data-bar=\"{ReportHtml.Encode(row.Key)}\" ")
                    .Append(CultureInfo.InvariantCulture, $"data-series=\"{ReportHtml.Encode(series[s].Name)}\" data-value=\"{Raw(value)}\">")
                    .Append(CultureInfo.InvariantCulture, $"<title>{ReportHtml.Encode(tooltip)}</title></rect>");
                SvgFrame.Text(html, LabelWidth + length + 6, y + BarHeight - 4, row.Texts[s], "value");
            }
        }
        SvgFrame.Close(html);
        return html.ToString();
    }
}
