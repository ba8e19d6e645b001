using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>How historic CLV is spread over the customers: a histogram of <see cref="ClvHistogram"/> bins.</summary>
public static class ClvSection
{
    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var customers = snapshot.Retention.Clv.Customers;
        var currency = snapshot.Headline.Currency;
        ReportBlocks.OpenSection(html, "clv", "Customer lifetime value",
            $"Historic CLV: each customer's net revenue to date, in {currency}. Equal bins up to the 95th percentile; the last bin holds the tail.");
        var bins = ClvHistogram.Of(customers);
        if (bins.Count == 0)
        {
            ReportBlocks.NoData(html, "clv", "no customer has bought yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        string Range(ClvBin bin) => bin.To is { } to ? $"{Money(bin.From)}–{Money(to)}" : $"≥ {Money(bin.From)}";
        string Short(ClvBin bin) => bin.To is { } to ? $"{Plain(bin.From)}–{Plain(to)}" : $"≥ {Plain(bin.From)}";
        var columns = bins.Select((bin, i) => new HistogramColumn("bin-" + i, Short(bin), bin.Customers,
            $"{Range(bin)} {currency}: {Count(bin.Customers)} customers ({Percent((decimal)bin.Customers / customers.Count)}), {Money(bin.NetRevenue)} {currency} in all")).ToList();
        ReportBlocks.Chart(html, HistogramSvg.Render("clv-histogram", $"Historic CLV per customer, {currency}: customers per bin", columns, "customers"));
        ReportBlocks.Table(html, "clv-table", "CLV bins as a table",
            [$"historic CLV ({currency})", "customers", "share of customers", $"net revenue ({currency})"],
            bins.Select(bin => (IReadOnlyList<string>)
                [Range(bin), Count(bin.Customers), Percent((decimal)bin.Customers / customers.Count), Money(bin.NetRevenue)]));
        ReportBlocks.CloseSection(html);
    }

    /// <summary>Bin edges are round numbers: shown without cents, with cents only where an edge has them.</summary>
    private static string Plain(decimal value) => value.ToString(value == Math.Floor(value) ? "N0" : "N2", System.Globalization.CultureInfo.InvariantCulture);
}
