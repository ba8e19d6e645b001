using System.Globalization;
using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>One point of a line: a month, say. A null value is a gap in the line (no denominator, no answers), never a 0.</summary>
/// <param name="IsPartial">The period is still running: drawn hollow, and said so in the tooltip.</param>
public sealed record LinePoint(string Key, string Label, decimal? Value, string Text, bool IsPartial = false);

/// <summary>
/// A line over evenly spaced points on a fixed value range, with horizontal grid lines and a zero line when the
/// range crosses zero. Each point is a <c>circle</c> with <c>data-chart</c>, <c>data-point</c> and its value in a tooltip.
/// </summary>
public static class LineChartSvg
{
    private const double Width = 760, Height = 250, Left = 58, Right = 18, Top = 14, Bottom = 46;

    public static string Render(string id, string label, IReadOnlyList<LinePoint> points, decimal min, decimal max,
        IReadOnlyList<(decimal Value, string Text)> grid)
    {
        if (max <= min) throw new ArgumentException("the value range is empty", nameof(max));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => points.Count == 1 ? Left + plotWidth / 2 : Left + i * plotWidth / (points.Count - 1);
        double Y(decimal value) => Top + plotHeight * (1 - (double)((Math.Clamp(value, min, max) - min) / (max - min)));

        var html = new StringBuilder();
        SvgFrame.Open(html, id, label, Width, Height);
        foreach (var (value, text) in grid)
        {
            var y = Y(value);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Coordinate(Left)}\" x2=\"{Coordinate(Width - Right)}\" y1=\"{Coordinate(y)}\" y2=\"{Coordinate(y)}\" ")
                .Append(CultureInfo.InvariantCulture, $"class=\"{(value == 0 ? "grid zero" : "grid")}\"/>");
            SvgFrame.Text(html, Left - 6, y + 4, text, "axis", "end");
        }

        // One polyline per run of points with a value, so a month without a value breaks the line instead of faking one.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1) html.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line\" points=\"{string.Join(' ', run)}\"/>");
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } value) run.Add($"{Coordinate(X(i))},{Coordinate(Y(value))}");
            else Flush();
        }
        Flush();

        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (point.Value is not { } value) continue;
            var tooltip = $"{point.Label}: {point.Text}{(point.IsPartial ? " (in progress)" : "")}";
            html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Coordinate(X(i))}\" cy=\"{Coordinate(Y(value))}\" r=\"3.5\" class=\"point{(point.IsPartial ? " partial" : "")}\" ")
                .Append(CultureInfo.InvariantCulture, $"data-chart=\"{ReportHtml.Encode(id)}\" data-point=\"{ReportHtml.Encode(point.Key)}\" data-value=\"{Raw(value)}\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{ReportHtml.Encode(tooltip)}</title></circle>");
        }

        // At most about a dozen x labels, so two years of months stay legible.
        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 12.0));
        for (var i = 0; i < points.Count; i += every)
            SvgFrame.Text(html, X(i), Height - Bottom + 18, points[i].Label, "axis", "middle");
        SvgFrame.Close(html);
        return html.ToString();
    }
}
