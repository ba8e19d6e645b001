using System.Text;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>The monthly churn rate as a line, with churn, retention and lost revenue per month in the table.</summary>
public static class ChurnSection
{
    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var churn = snapshot.Retention.Churn;
        ReportBlocks.OpenSection(html, "churn", "Churn by month",
            $"The share of customers active at the start of a month who reached {churn.Threshold.Days} days without a purchase during it. " +
            "A month with nobody active at its start has no rate (a gap, not a zero).");
        if (churn.Months.All(m => m.ChurnRate is null))
        {
            ReportBlocks.NoData(html, "churn", "no month has started with active customers yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        var max = ChartScale.NiceCeiling(Math.Max(0.05m, churn.Months.Max(m => m.ChurnRate ?? 0m)));
        var grid = ChartScale.Ticks(max).Select(t => (t, Percent(t, 0))).ToList();
        var points = churn.Months.Select(m => new LinePoint(Month(m.Month), Month(m.Month), m.ChurnRate,
            $"churn {Percent(m.ChurnRate)} ({Count(m.ChurnedCustomers)} of {Count(m.ActiveAtStart)})", m.IsPartial)).ToList();
        ReportBlocks.Chart(html, LineChartSvg.Render("churn-trend", "Monthly churn rate", points, 0m, grid[^1].t, grid),
            "A hollow point is the month in progress.");
        var retention = snapshot.Retention.Retention.ToDictionary(r => r.Month);
        ReportBlocks.Table(html, "churn-table", "Churn and retention by month",
            ["month", "active at start", "new", "reactivated", "churned", "churn rate", "retention rate", $"lost revenue ({snapshot.Headline.Currency})"],
            churn.Months.Select(m => (IReadOnlyList<string>)
            [
                Month(m.Month) + (m.IsPartial ? " (in progress)" : ""), Count(m.ActiveAtStart), Count(m.NewCustomers), Count(m.ReactivatedCustomers),
                Count(m.ChurnedCustomers), Percent(m.ChurnRate), Percent(retention.GetValueOrDefault(m.Month)?.Rate), Money(m.LostRevenue),
            ]));
        ReportBlocks.CloseSection(html);
    }
}
