using System.Globalization;
using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>
/// One shop's night as a self-contained HTML page (<c>docs/reports.md</c>): headline figures, cohort heatmap, churn,
/// CLV, RFM segments, what the first order says (product, category, channel, code, country), LTV:CAC and payback by channel, the product journey, the
/// time to a second order, feedback, the key customers at risk and the forecast. It references nothing outside itself (inline CSS,
/// inline SVG drawn here, no script, no font, no image), carries its own Content-Security-Policy so a copy opened
/// from disk is as locked down as the served one, and encodes every piece of data it shows.
/// </summary>
public static class SnapshotReportPage
{
    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>Nothing may load but the page's own inline styles and data: images; no script runs, no form posts, no framing.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The subset a &lt;meta&gt; element can carry (frame-ancestors works only as a header).</summary>
    private const string MetaPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private static readonly (string Id, string Title)[] Sections =
    [
        ("kpis", "Headline figures"), ("cohorts", "Cohorts"), ("churn", "Churn"), ("clv", "CLV"), ("segments", "RFM segments"),
        ("first-purchase", "First order"), ("channels", "Channels"), ("journey", "Journey"), ("second-order", "Second order"),
        ("feedback", "Feedback"), ("at-risk", "Customers at risk"), ("forecast", "Forecast"),
    ];

    public static string Render(NightlyFigures snapshot)
    {
        var summary = snapshot.Headline;
        var (shop, day) = (ReportHtml.Encode(summary.ShopId), ReportHtml.Encode(Day(summary.AsOf)));
        var html = new StringBuilder(64 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"Content-Security-Policy\" content=\"{ReportHtml.Encode(MetaPolicy)}\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">")
            // An empty data: icon, so the browser does not ask the server for /favicon.ico.
            .Append("<link rel=\"icon\" href=\"data:,\">")
            .Append(CultureInfo.InvariantCulture, $"<title>Retention report: {shop}, as of {day}</title>")
            .Append("<style>").Append(ReportStyles.Css).Append("</style></head>\n");
        html.Append(CultureInfo.InvariantCulture, $"<body data-shop=\"{shop}\" data-as-of=\"{day}\"><header>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Retention report <span class=\"shop\">{shop}</span></h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>As of the end of {day} in the shop's time zone. Amounts in {ReportHtml.Encode(summary.Currency)}, net of refunds and cancellations.</p>")
            .Append("<nav aria-label=\"Sections\">");
        foreach (var (id, title) in Sections) html.Append(CultureInfo.InvariantCulture, $"<a href=\"#{id}\">{ReportHtml.Encode(title)}</a>");
        html.Append("</nav>");
        if (summary.Customers == 0)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"banner\" data-empty-shop=\"\">No data yet: this shop has no purchases up to {day}. ")
                .Append("The report fills in after its first orders arrive and the next night runs.</p>");
        html.Append("</header>\n<main>");
        KpiSection.Render(html, snapshot);
        CohortSection.Render(html, snapshot);
        ChurnSection.Render(html, snapshot);
        ClvSection.Render(html, snapshot);
        SegmentSection.Render(html, snapshot);
        FirstPurchaseSection.Render(html, snapshot);
        ChannelSection.Render(html, snapshot);
        JourneySection.Render(html, snapshot);
        SecondOrderSection.Render(html, snapshot);
        FeedbackSection.Render(html, snapshot);
        AudienceSection.Render(html, snapshot);
        AtRiskSection.Render(html, snapshot);
        ForecastSection.Render(html, snapshot);
        html.Append("</main>\n<footer><p>Computed by the nightly snapshot; every figure is defined in docs/metrics.md, and the same numbers are in the ")
            .Append("day's Parquet and CSV exports. This page loads nothing from anywhere and runs no script.</p></footer>\n</body></html>\n");
        return html.ToString();
    }
}
