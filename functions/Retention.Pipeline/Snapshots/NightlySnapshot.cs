using Retention.Core.Metrics;
using Retention.Core.Models;
using Retention.Core.Snapshots;
using Retention.Core.Spend;

namespace Retention.Pipeline.Snapshots;

/// <summary>
/// Everything one night computes for one shop and day: the headline figures, the retention figures, their cost, what
/// customers said, and the forecast (predicted CLV and churn risk, or why there is none).
/// </summary>
public sealed record NightlySnapshot(ShopSnapshot Summary, RetentionFigures Retention, IReadOnlyList<RetentionCostMonth> Cost, FeedbackFigures Feedback,
    NightlyForecast Forecast);
