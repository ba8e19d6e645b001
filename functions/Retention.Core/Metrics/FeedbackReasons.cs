using Retention.Core.Feedback;

namespace Retention.Core.Metrics;

/// <summary>Where a customer who answered stands as of the as-of day, by the churn rule of <see cref="ChurnAnalysis"/>.</summary>
public enum FeedbackCustomerStatus
{
    /// <summary>Bought, and the as-of day is at least N days after their last purchase day.</summary>
    Churned,

    /// <summary>Bought within the N days ending on the as-of day (the last purchase day counts as day 0).</summary>
    Active,

    /// <summary>No purchase up to the as-of day: a visitor, or a customer whose orders were all cancelled or refunded.</summary>
    NeverPurchased,
}

/// <summary>How many counted answers gave <paramref name="Reason"/> from customers whose status is <paramref name="Status"/>.</summary>
public sealed record FeedbackReasonCount(ReasonForLeaving Reason, FeedbackCustomerStatus Status, int Answers);
