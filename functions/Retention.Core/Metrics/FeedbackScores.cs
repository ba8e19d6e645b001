using Retention.Core.Feedback;

namespace Retention.Core.Metrics;

/// <summary>NPS and CSAT over one set of counted answers (a month, or everything up to the as-of day).</summary>
public sealed record FeedbackScores(FeedbackNps Nps, FeedbackCsat Csat)
{
    internal static FeedbackScores Of(IEnumerable<FeedbackResponse> answers)
    {
        int promoters = 0, passives = 0, detractors = 0, satisfied = 0, unsatisfied = 0;
        foreach (var answer in answers)
        {
            if (answer.Kind == FeedbackKind.Nps)
            {
                if (answer.Score >= 9) promoters++;
                else if (answer.Score >= 7) passives++;
                else detractors++;
            }
            else if (answer.Score >= 4) satisfied++;
            else unsatisfied++;
        }
        return new FeedbackScores(new FeedbackNps(promoters, passives, detractors), new FeedbackCsat(satisfied, unsatisfied));
    }
}

/// <summary>The answers submitted in one calendar month of the shop's calendar.</summary>
/// <param name="IsPartial">The month contains the as-of day and ends after it, so its figures will still change.</param>
public sealed record FeedbackMonth(DateOnly Month, bool IsPartial, FeedbackScores Scores);
