using System.Globalization;
using System.Text;

namespace Retention.Pipeline.Reports;

/// <summary>
/// The markup every section shares: its heading, the "no data yet" state, the frame a chart scrolls in, and the
/// table that carries the same numbers for screen readers, copying and printing. All text given is encoded here.
/// </summary>
public static class ReportBlocks
{
    public static void OpenSection(StringBuilder html, string id, string heading, string intro) =>
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{ReportHtml.Encode(id)}\" aria-labelledby=\"{ReportHtml.Encode(id)}-heading\">")
            .Append(CultureInfo.InvariantCulture, $"<h2 id=\"{ReportHtml.Encode(id)}-heading\">{ReportHtml.Encode(heading)}</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"intro\">{ReportHtml.Encode(intro)}</p>");

    public static void CloseSection(StringBuilder html) => html.Append("</section>");

    /// <summary>An empty dataset says so plainly instead of drawing an empty or broken chart.</summary>
    public static void NoData(StringBuilder html, string dataset, string message) =>
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"no-data\" data-no-data=\"{ReportHtml.Encode(dataset)}\">No data yet: {ReportHtml.Encode(message)}</p>");

    /// <summary>A chart keeps its drawn size and scrolls sideways on a narrow screen rather than shrinking to unreadable.</summary>
    public static void Chart(StringBuilder html, string svg, string? caption = null)
    {
        html.Append("<figure class=\"chart-frame\">").Append(svg);
        if (caption is not null) html.Append(CultureInfo.InvariantCulture, $"<figcaption>{ReportHtml.Encode(caption)}</figcaption>");
        html.Append("</figure>");
    }

    /// <summary>
    /// A table under a disclosure: the chart's numbers as text. The first column is the row header; the others are
    /// right-aligned figures.
    /// </summary>
    public static void Table(StringBuilder html, string id, string summary, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
        bool open = false)
    {
        html.Append(CultureInfo.InvariantCulture, $"<details class=\"table\"{(open ? " open" : "")}><summary>{ReportHtml.Encode(summary)}</summary><div class=\"table-wrap\">")
            .Append(CultureInfo.InvariantCulture, $"<table id=\"{ReportHtml.Encode(id)}\"><thead><tr>");
        foreach (var header in headers) html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{ReportHtml.Encode(header)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var c = 0; c < row.Count; c++)
                html.Append(c == 0 ? $"<th scope=\"row\">{ReportHtml.Encode(row[c])}</th>" : $"<td class=\"num\">{ReportHtml.Encode(row[c])}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div></details>");
    }
}
