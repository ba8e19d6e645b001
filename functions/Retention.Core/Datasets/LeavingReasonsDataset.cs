using Retention.Core.Metrics;

namespace Retention.Core.Datasets;

/// <summary>Reasons for leaving, counted by the status of the customer who gave them.</summary>
public static class LeavingReasonsDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<FeedbackReasonCount>("leaving_reasons", "reason and customer status", "snapshotreasons",
        night => night.Feedback.Reasons,
        c => c
            .Text("reason", r => r.Reason.ToString())
            .Text("customer_status", r => r.Status.ToString())
            .Int("answers", r => r.Answers),
        key: ["reason", "customer_status"]);
}
