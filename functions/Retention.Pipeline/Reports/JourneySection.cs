using System.Text;
using Retention.Core.Nightly;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>
/// What people buy second: the top (first product → second product) pairs by customers, and per product how many of its
/// first buyers bought it again in their second order, the products that are replenished.
/// </summary>
public static class JourneySection
{
    private const int PairsShown = 15;

    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var journey = snapshot.Dimensions.Journey;
        var repurchases = snapshot.Dimensions.Repurchases;
        ReportBlocks.OpenSection(html, "journey", "Product journey",
            "For customers with a second order: what their second order contained, given their first. A customer counts each pair once. " +
            "Bought again: of a product's first buyers who ordered again, the share whose second order held the same product.");
        if (journey.Count == 0)
        {
            ReportBlocks.NoData(html, "product_journey", "no customer with lines in their orders has a second order yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        var top = journey.Take(PairsShown).ToList();
        ReportBlocks.Chart(html, BarChartSvg.Render("journey-pairs", "Customers per first → second product pair", [new BarSeries("customers", "series-0")],
            [.. top.Select(p => new BarRow("pair-" + p.Rank, $"{p.FirstProductTitle} → {p.SecondProductTitle}", [p.Customers], [Count(p.Customers)]))]));
        ReportBlocks.Table(html, "journey-table", $"The top {Count(journey.Count)} pairs as a table",
            ["first order contained", "second order contained", "customers", "share of the first product's repeat customers"],
            journey.Select(p => (IReadOnlyList<string>)
                [p.FirstProductTitle, p.SecondProductTitle, Count(p.Customers), $"{Percent(p.Share)} of {Count(p.FirstProductRepeatCustomers)}"]),
            open: true);
        if (repurchases.Count > 0)
        {
            html.Append("<h3>Bought again in the second order</h3>");
            ReportBlocks.Table(html, "repurchase-table", "Repurchase of the same product as a table",
                ["product", "first buyers", "of whom ordered again", "bought it again", "repurchase rate"],
                repurchases.OrderByDescending(r => r.RepurchaseRate ?? -1).ThenByDescending(r => r.RepeatCustomers).Select(r => (IReadOnlyList<string>)
                    [r.Title, Count(r.FirstOrderCustomers), Count(r.RepeatCustomers), Count(r.RepurchasedCustomers), Percent(r.RepurchaseRate)]),
                open: true);
        }
        ReportBlocks.CloseSection(html);
    }
}
