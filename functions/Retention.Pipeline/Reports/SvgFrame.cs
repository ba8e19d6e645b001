using System.Globalization;
using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>
/// The outer element every chart shares: an inline SVG (nothing to fetch) sized in its own units and scaled by CSS,
/// announced to screen readers as one image with the chart's label; the section's table is the readable fallback.
/// </summary>
public static class SvgFrame
{
    public static void Open(StringBuilder html, string id, string label, double width, double height)
    {
        var titleId = id + "-title";
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{ReportHtml.Encode(id)}\" class=\"chart\" role=\"img\" ")
            .Append(CultureInfo.InvariantCulture, $"aria-labelledby=\"{ReportHtml.Encode(titleId)}\" viewBox=\"0 0 {Coordinate(width)} {Coordinate(height)}\" ")
            .Append(CultureInfo.InvariantCulture, $"width=\"{Coordinate(width)}\" height=\"{Coordinate(height)}\" preserveAspectRatio=\"xMinYMin meet\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{ReportHtml.Encode(titleId)}\">{ReportHtml.Encode(label)}</title>");
    }

    public static void Close(StringBuilder html) => html.Append("</svg>");

    /// <summary>A text element; <paramref name="text"/> is encoded.</summary>
    public static void Text(StringBuilder html, double x, double y, string text, string cssClass, string anchor = "start", string? extra = null) =>
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Coordinate(x)}\" y=\"{Coordinate(y)}\" class=\"{cssClass}\" text-anchor=\"{anchor}\"{(extra is null ? "" : " " + extra)}>")
            .Append(ReportHtml.Encode(text)).Append("</text>");
}
