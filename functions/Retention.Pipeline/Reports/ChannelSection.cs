using System.Globalization;
using System.Text;
using Retention.Core.Nightly;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>
/// Which channel brings customers worth their cost: per acquisition channel (the channel of the first order), its new
/// customers, acquisition spend and CAC, value per customer at 3 and 12 months, LTV:CAC at 12 months and the payback
/// month, over all its months. A channel without spend recorded shows its customers and value, and says there is no CAC.
/// </summary>
public static class ChannelSection
{
    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var currency = snapshot.Headline.Currency;
        var channels = snapshot.ChannelPayback.Where(r => r.AcquisitionMonth is null).ToList();
        var basis = snapshot.Retention.Settings.GrossMarginRate is null ? "net revenue" : "gross margin";
        ReportBlocks.OpenSection(html, "channels", "Channels: LTV:CAC and payback",
            $"Customers by the channel of their first order (source / medium). CAC: acquisition spend recorded for the channel " +
            $"(spend add --channel) per new customer. Value: cumulative {basis} per acquired customer, {currency}. Payback: the first month " +
            "after acquisition in which the value reaches the CAC.");
        if (channels.Count == 0)
        {
            ReportBlocks.NoData(html, "channel_payback", "no customer has bought yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        var withCac = channels.Where(c => c.LtvToCac12m is not null).ToList();
        if (withCac.Count > 0)
            ReportBlocks.Chart(html, BarChartSvg.Render("channel-ltv-cac", "LTV:CAC at 12 months per channel", [new BarSeries("LTV:CAC", "series-0")],
                [.. withCac.Select((c, i) => new BarRow("channel-" + i.ToString(CultureInfo.InvariantCulture), c.Channel, [c.LtvToCac12m!.Value],
                    [Number(c.LtvToCac12m, 2)], c.LtvToCac12m < 1 ? "risk" : null))]));
        ReportBlocks.Table(html, "channel-table", "Channels as a table",
            ["channel", "new customers", $"spend ({currency})", $"CAC ({currency})", $"value at 3 months ({currency})", $"value at 12 months ({currency})",
                "LTV:CAC at 12 months", "payback"],
            channels.Select(c => (IReadOnlyList<string>)
            [
                c.Channel, Count(c.NewCustomers), Money(c.Spend), Number(c.Cac, 2), Number(c.ValueAt(3), 2), Number(c.ValueAt(12), 2),
                Number(c.LtvToCac12m, 2), c.PaybackMonth is { } month ? $"month {month}" : c.PaybackStatus,
            ]),
            open: true);
        ReportBlocks.CloseSection(html);
    }
}
