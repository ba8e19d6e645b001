namespace Retention.Core.Metrics;

/// <summary>
/// Net Promoter Score over a set of NPS answers (<c>docs/metrics.md</c>, "Feedback"): promoters score 9–10,
/// passives 7–8, detractors 0–6.
/// </summary>
public sealed record FeedbackNps(int Promoters, int Passives, int Detractors)
{
    public int Answers => Promoters + Passives + Detractors;

    /// <summary>
    /// % promoters − % detractors, from −100 to 100, rounded to 4 decimals (a share's 6 decimals, in percent);
    /// null without answers, because a score of 0 would claim as many promoters as detractors.
    /// </summary>
    public decimal? Score => Answers == 0 ? null : Math.Round(100m * (Promoters - Detractors) / Answers, 4);
}
