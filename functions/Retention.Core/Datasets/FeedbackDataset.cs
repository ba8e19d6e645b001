using Retention.Core.Metrics;

namespace Retention.Core.Datasets;

/// <summary>NPS and CSAT: one row per month of answers, and one with <c>month</c> null for every answer to the day.</summary>
public static class FeedbackDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<(DateOnly? Month, bool IsPartial, FeedbackScores Scores)>(
        "feedback", "month of answers, plus one row with month null for all answers to the day", "snapshotfeedback",
        night => night.Feedback.Months.Select(m => ((DateOnly?)m.Month, m.IsPartial, m.Scores)).Append((null, false, night.Feedback.Overall)),
        c => c
            .Month("month", r => r.Month)
            .Boolean("is_partial", r => r.IsPartial)
            .Decimal("nps", r => r.Scores.Nps.Score)
            .Int("promoters", r => r.Scores.Nps.Promoters)
            .Int("passives", r => r.Scores.Nps.Passives)
            .Int("detractors", r => r.Scores.Nps.Detractors)
            .Decimal("csat", r => r.Scores.Csat.Score)
            .Int("satisfied", r => r.Scores.Csat.Satisfied)
            .Int("unsatisfied", r => r.Scores.Csat.Unsatisfied),
        key: ["month"]);
}
