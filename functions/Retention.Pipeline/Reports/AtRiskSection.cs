using System.Globalization;
using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>
/// The key customers at risk (<see cref="AtRiskCustomers"/>) as a table, most valuable first. Each row carries the
/// customer key in <c>data-at-risk-customer</c>. Very large shops list the first <see cref="MaxListed"/>; the
/// customers export has them all.
/// </summary>
public static class AtRiskSection
{
    public const int MaxListed = 500;

    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var figures = snapshot.Retention;
        var currency = snapshot.Headline.Currency;
        ReportBlocks.OpenSection(html, "at-risk", "High-value customers at risk",
            $"Key customers (the top tenth by historic CLV) whose RFM segment is At risk, Can't lose them, About to sleep, Hibernating or Lost, " +
            $"or who have not bought for {figures.Churn.Threshold.Days} days or more (churned). Customers appear by their customer key, never by e-mail.");
        if (figures.Clv.KeyCustomers.Count == 0)
        {
            ReportBlocks.NoData(html, "at-risk", "no customer has bought yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        var list = AtRiskCustomers.Of(figures);
        if (list.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"all-clear\" data-at-risk-count=\"0\">None of the {Count(figures.Clv.KeyCustomers.Count)} key customers is at risk.</p>");
            ReportBlocks.CloseSection(html);
            return;
        }
        var atRiskRevenue = list.Sum(c => c.NetRevenue);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\" data-at-risk-count=\"{list.Count}\">{Count(list.Count)} of {Count(figures.Clv.KeyCustomers.Count)} key customers, ")
            .Append(CultureInfo.InvariantCulture, $"{ReportHtml.Encode(Money(atRiskRevenue))} {ReportHtml.Encode(currency)} of historic net revenue.")
            .Append(list.Count > MaxListed ? $" The first {MaxListed} are listed; the customers export has every one." : "")
            .Append("</p>");
        html.Append("<div class=\"table-wrap\"><table id=\"at-risk-table\"><thead><tr>")
            .Append("<th scope=\"col\">rank</th><th scope=\"col\">customer key</th><th scope=\"col\">segment</th><th scope=\"col\">days since last purchase</th>")
            .Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">last purchase</th><th scope=\"col\">orders</th><th scope=\"col\">historic CLV ({ReportHtml.Encode(currency)})</th>")
            .Append("<th scope=\"col\">why</th></tr></thead><tbody>");
        foreach (var customer in list.Take(MaxListed))
        {
            var why = string.Join("; ", new[]
            {
                customer.InRiskSegment ? "segment " + ReportLabels.Segment(customer.Segment) : null,
                customer.IsChurned ? "churned" : null,
            }.OfType<string>());
            html.Append(CultureInfo.InvariantCulture, $"<tr data-at-risk-customer=\"{ReportHtml.Encode(customer.CustomerKey)}\">")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{customer.Rank}</td><th scope=\"row\"><code>{ReportHtml.Encode(customer.CustomerKey)}</code></th>")
                .Append(CultureInfo.InvariantCulture, $"<td>{ReportHtml.Encode(ReportLabels.Segment(customer.Segment))}</td><td class=\"num\">{Count(customer.RecencyDays)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Day(customer.LastPurchase)}</td><td class=\"num\">{Count(customer.Orders)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{ReportHtml.Encode(Money(customer.NetRevenue))}</td><td class=\"why\">{ReportHtml.Encode(why)}</td></tr>");
        }
        html.Append("</tbody></table></div>");
        ReportBlocks.CloseSection(html);
    }
}
