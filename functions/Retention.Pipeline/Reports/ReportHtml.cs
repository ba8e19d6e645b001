using System.Net;

namespace Retention.Pipeline.Reports;

/// <summary>
/// The one way text reaches the report's markup. Shop ids, customer keys and labels are data, and data is never
/// markup: everything written between tags or inside a (double-quoted) attribute goes through <see cref="Encode"/>.
/// </summary>
public static class ReportHtml
{
    /// <summary>Encodes &lt; &gt; &amp; " and ', so the result is safe as element text and as a quoted attribute value.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
