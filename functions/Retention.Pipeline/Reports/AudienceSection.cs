using System.Text;
using Retention.Core.Audiences.Uplift;
using Retention.Core.Nightly;
using static Retention.Pipeline.Reports.ReportFormat;

namespace Retention.Pipeline.Reports;

/// <summary>
/// "Did it work?": per audience, tonight's members in each arm, who entered and left, and what contacting the treated
/// arm changed against the control arm held out of it (<c>docs/audiences.md</c>): the 90-day uplift in the share who
/// ordered again, with its interval, the incremental revenue and the measured return on the audience's spend. A row too
/// early or with too few members says so with its numbers.
/// </summary>
public static class AudienceSection
{
    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var audiences = snapshot.Audiences;
        ReportBlocks.OpenSection(html, "audiences", "Audiences: did it work?",
            $"Each audience holds {Percent(audiences.ControlShare, 0)} of its members out of every contact. Comparing the members who were contacted " +
            "with those held out measures what the contact changed: the uplift is the difference in the share who ordered again within 90 days " +
            "of entering, with its 95 % interval; an interval that includes 0 has not shown an effect.");
        if (audiences.Audiences.All(a => a.Members.Count == 0 && a.Left.Count == 0) && audiences.Uplift.Count == 0)
        {
            ReportBlocks.NoData(html, "audiences", "no customer is in an audience yet.");
            ReportBlocks.CloseSection(html);
            return;
        }
        ReportBlocks.Table(html, "audience-table", "Tonight's members",
            ["audience", "members", "treated", "control", "entered", "left", "rule"],
            audiences.Audiences.Select(a => (IReadOnlyList<string>)
            [
                a.Audience.Name, Count(a.Members.Count), Count(a.Treated), Count(a.Control), Count(a.Entered.Count), Count(a.Left.Count), a.Audience.Rule,
            ]));
        var pooled = audiences.Uplift.Where(u => u.Cohort == AudienceUpliftRow.AllCohorts && u.WindowDays == AudienceUplift.RevenueWindowDays).ToList();
        var waiting = audiences.Audiences.Where(a => pooled.All(p => p.Audience != a.Audience.Name))
            .Select(a => (IReadOnlyList<string>)[a.Audience.Name, Earliest(audiences.Uplift, a.Audience.Name)]);
        ReportBlocks.Table(html, "uplift-table", "Measured uplift within 90 days of entering, every measured entry cohort pooled",
            ["audience", "treated", "control", "ordered again: treated", "control", "uplift (95 % interval)", "incremental revenue", "ROI", "status"],
            pooled.Select(u => (IReadOnlyList<string>)
            [
                u.Audience, Count(u.TreatedMembers), Count(u.ControlMembers), Percent(u.Reorders?.TreatedShare), Percent(u.Reorders?.ControlShare),
                Interval(u.Reorders?.Uplift, u.Reorders?.UpliftLow, u.Reorders?.UpliftHigh, v => Percent(v)),
                Interval(u.Revenue?.IncrementalRevenue, u.Revenue?.IncrementalRevenueLow, u.Revenue?.IncrementalRevenueHigh, v => Number(v, 2)),
                u.Revenue?.Roi is null ? "not measured: no spend or margin recorded" : Interval(u.Revenue.Roi, u.Revenue.RoiLow, u.Revenue.RoiHigh, v => Number(v, 2)),
                u.Verdict,
            ]).Concat(waiting.Select(w => (IReadOnlyList<string>)[w[0], None, None, None, None, None, None, None, w[1]])));
        ReportBlocks.CloseSection(html);
    }

    private static string Earliest(IReadOnlyList<AudienceUpliftRow> rows, string audience) =>
        rows.Where(r => r.Audience == audience && r.WindowDays == AudienceUplift.RevenueWindowDays).OrderBy(r => r.MeasurableOn).FirstOrDefault() is { } first
            ? $"too early: the first entry cohort is measurable on {Day(first.MeasurableOn)}"
            : "no one has entered yet";

    private static string Interval(decimal? value, decimal? low, decimal? high, Func<decimal?, string> format) =>
        value is null ? None : low is null || high is null ? $"{format(value)} (too few for an interval)" : $"{format(value)} ({format(low)} to {format(high)})";
}
