using System.Text;
using Retention.Core.Feedback;
using Retention.Core.Metrics;
using static Retention.Pipeline.Reports.ReportFormat;
using Retention.Core.Nightly;

namespace Retention.Pipeline.Reports;

/// <summary>What customers said: the NPS per month, and the reasons for leaving split by whether the customer has churned.</summary>
public static class FeedbackSection
{
    private static readonly FeedbackCustomerStatus[] Statuses = [FeedbackCustomerStatus.Churned, FeedbackCustomerStatus.Active, FeedbackCustomerStatus.NeverPurchased];

    public static void Render(StringBuilder html, NightlyFigures snapshot)
    {
        var feedback = snapshot.Feedback;
        ReportBlocks.OpenSection(html, "feedback", "What customers said",
            "NPS per month from the survey answers (promoters 9–10 minus detractors 0–6, in points from −100 to 100; a customer's latest answer counts), " +
            "and the reasons for leaving by the customer's status on the day.");
        if (feedback.Months.All(m => m.Scores.Nps.Score is null))
            ReportBlocks.NoData(html, "nps", "no NPS answer has arrived yet.");
        else
        {
            var grid = new[] { -100m, -50m, 0m, 50m, 100m }.Select(v => (v, Score(v).Replace(".0", "", StringComparison.Ordinal))).ToList();
            var points = feedback.Months.Select(m => new LinePoint(Month(m.Month), Month(m.Month), m.Scores.Nps.Score,
                $"NPS {Score(m.Scores.Nps.Score)} from {Count(m.Scores.Nps.Answers)} answers", m.IsPartial)).ToList();
            ReportBlocks.Chart(html, LineChartSvg.Render("nps-trend", "NPS per month", points, -100m, 100m, grid),
                "A month without NPS answers is a gap; a hollow point is the month in progress.");
        }
        if (feedback.Months.Count > 0)
            ReportBlocks.Table(html, "feedback-table", "NPS and CSAT by month",
                ["month", "NPS", "promoters", "passives", "detractors", "CSAT", "satisfied", "unsatisfied"],
                feedback.Months.Select(m => Scores(Month(m.Month) + (m.IsPartial ? " (in progress)" : ""), m.Scores))
                    .Append(Scores("all answers", feedback.Overall)));

        var reasons = Enum.GetValues<ReasonForLeaving>().Select(reason => (Reason: reason,
            Counts: Statuses.Select(status => feedback.Reasons.Where(r => r.Reason == reason && r.Status == status).Sum(r => r.Answers)).ToArray())).ToList();
        html.Append("<h3>Reasons for leaving</h3>");
        if (reasons.All(r => r.Counts.All(c => c == 0)))
            ReportBlocks.NoData(html, "reasons", "no answer has given a reason for leaving yet.");
        else
        {
            ReportBlocks.Chart(html, BarChartSvg.Render("leaving-reasons", "Reasons for leaving: answers by the customer's status",
                [.. Statuses.Select((s, i) => new BarSeries(ReportLabels.Status(s), "series-" + i))],
                [.. reasons.Select(r => new BarRow(r.Reason.ToString(), r.Reason.ToString().ToLowerInvariant(),
                    [.. r.Counts.Select(c => (decimal)c)], [.. r.Counts.Select(Count)]))]));
            ReportBlocks.Table(html, "reasons-table", "Reasons for leaving as a table",
                ["reason", .. Statuses.Select(ReportLabels.Status)],
                reasons.Select(r => (IReadOnlyList<string>)[r.Reason.ToString().ToLowerInvariant(), .. r.Counts.Select(Count)]));
        }
        ReportBlocks.CloseSection(html);
    }

    private static IReadOnlyList<string> Scores(string label, FeedbackScores scores) =>
    [
        label, Score(scores.Nps.Score), Count(scores.Nps.Promoters), Count(scores.Nps.Passives), Count(scores.Nps.Detractors),
        scores.Csat.Score is { } csat ? Score(csat) + " %" : None, Count(scores.Csat.Satisfied), Count(scores.Csat.Unsatisfied),
    ];
}
