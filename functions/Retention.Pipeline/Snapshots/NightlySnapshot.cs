using Retention.Core.Metrics;
using Retention.Core.Snapshots;
using Retention.Core.Spend;

namespace Retention.Pipeline.Snapshots;

/// <summary>Everything one night computes for one shop and day: the headline figures, the retention figures, their cost, and what customers said.</summary>
public sealed record NightlySnapshot(ShopSnapshot Summary, RetentionFigures Retention, IReadOnlyList<RetentionCostMonth> Cost, FeedbackFigures Feedback);
