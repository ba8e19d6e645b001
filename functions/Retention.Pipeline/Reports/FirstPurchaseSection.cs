using System.Text;
using Retention.Core.Dimensions;
using Retention.Core.Nightly;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>
/// Which first purchase brings customers back: one table per dimension (first product, category, channel, discount code,
/// country), the first product's sorted by repeat rate as a marketer reads it, the others by customers. Every group is
/// shown with its size, however small; the cut of a long tail is said under the table.
/// </summary>
public static class FirstPurchaseSection
{
    private static readonly (FirstPurchaseDimension Dimension, string Heading, string Column)[] Tables =
    [
        (FirstPurchaseDimension.FirstProduct, "By first product", "first order contained"),
        (FirstPurchaseDimension.FirstCategory, "By first category", "category"),
        (FirstPurchaseDimension.FirstChannel, "By first channel", "source / medium"),
        (FirstPurchaseDimension.FirstDiscountCode, "By first discount code", "code"),
        (FirstPurchaseDimension.Country, "By country", "country"),
    ];

    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var cohorts = snapshot.Dimensions.Cohorts;
        var currency = snapshot.Headline.Currency;
        ReportBlocks.OpenSection(html, "first-purchase", "What the first order says",
            "Customers grouped by their first order: what it contained, where they came from, the code they used, their country. " +
            "Repeat rate: the share with two or more purchases. Ordered again: of the customers old enough to be judged. " +
            $"CLV at 12 months: net revenue in the first 12 months, {currency}. A customer whose first order held several products counts under each.");
        if (cohorts.Count == 0)
        {
            ReportBlocks.NoData(html, "first_purchase_cohorts", "no customer has bought yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        foreach (var (dimension, heading, column) in Tables)
        {
            var name = dimension.Name();
            var rows = cohorts.Where(c => c.Dimension == name).ToList();
            if (rows.Count == 0) continue;
            // Products are read for what brings customers back; the rest are read by size first.
            var ordered = dimension == FirstPurchaseDimension.FirstProduct
                ? rows.OrderBy(r => r.IsOther).ThenByDescending(r => r.RepeatPurchaseRate ?? -1).ThenByDescending(r => r.Customers).ToList()
                : rows.OrderBy(r => r.Rank).ToList();
            html.Append("<h3>").Append(ReportHtml.Encode(heading)).Append("</h3>");
            ReportBlocks.Table(html, "first-purchase-" + name.Replace('_', '-'), heading + " as a table",
                [column, "customers", "repeat customers", "repeat rate", "ordered again ≤ 90 days", $"CLV at 12 months ({currency})",
                    $"predicted 12-month CLV ({currency})"],
                ordered.Select(r => (IReadOnlyList<string>)
                [
                    Label(r), Count(r.Customers), Count(r.RepeatCustomers), Percent(r.RepeatPurchaseRate),
                    Judged(r.OrderedAgain[1]), Clv(r.HistoricClv[2]), r.AveragePredictedClv is { } p ? Money(p) : None,
                ]),
                open: dimension == FirstPurchaseDimension.FirstProduct);
            var cut = rows[0].Cut;
            if (cut.ValuesTotal > cut.ValuesKept)
                html.Append("<p class=\"note\">").Append(ReportHtml.Encode(
                    $"The {Count(cut.ValuesKept)} values with most customers are shown; the other {Count(cut.ValuesTotal - cut.ValuesKept)} are one row, " +
                    $"{FirstPurchaseDimensions.Other}.")).Append("</p>");
        }
        ReportBlocks.CloseSection(html);
    }

    private static string Label(FirstPurchaseCohort row) => row.Title is { } title && title != row.Value ? $"{title} ({row.Value})" : row.Value;

    private static string Judged(WindowShare share) => share.Judged == 0 ? None : $"{Percent(share.Share)} of {Count(share.Judged)}";

    private static string Clv(ClvAverage clv) => clv.Average is { } average ? $"{Money(average)} ({Count(clv.Customers)})" : None;
}
