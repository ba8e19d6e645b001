namespace Retention.Core.Metrics;

/// <summary>Customer satisfaction over a set of CSAT answers: satisfied score 4–5, unsatisfied 1–3.</summary>
public sealed record FeedbackCsat(int Satisfied, int Unsatisfied)
{
    public int Answers => Satisfied + Unsatisfied;

    /// <summary>% of answers that are satisfied, 0 to 100, rounded to 4 decimals; null without answers.</summary>
    public decimal? Score => Answers == 0 ? null : Math.Round(100m * Satisfied / Answers, 4);
}
