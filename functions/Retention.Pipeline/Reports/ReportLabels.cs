using Retention.Core.Metrics;

namespace Retention.Pipeline.Reports;

/// <summary>The words people read for the figures' enum names.</summary>
public static class ReportLabels
{
    public static string Segment(RfmSegment segment) => segment switch
    {
        RfmSegment.Champions => "Champions",
        RfmSegment.Loyal => "Loyal",
        RfmSegment.PotentialLoyalist => "Potential loyalist",
        RfmSegment.New => "New",
        RfmSegment.Promising => "Promising",
        RfmSegment.NeedAttention => "Need attention",
        RfmSegment.AboutToSleep => "About to sleep",
        RfmSegment.AtRisk => "At risk",
        RfmSegment.CantLoseThem => "Can't lose them",
        RfmSegment.Hibernating => "Hibernating",
        RfmSegment.Lost => "Lost",
        _ => segment.ToString(),
    };

    public static string ThresholdSource(ChurnThresholdSource source) => source switch
    {
        ChurnThresholdSource.Setting => "the shop's setting",
        ChurnThresholdSource.Derived => "derived from the shop's purchase rhythm",
        ChurnThresholdSource.Fallback => "default, too few repeat purchases to derive it",
        _ => source.ToString(),
    };

    public static string Status(FeedbackCustomerStatus status) => status switch
    {
        FeedbackCustomerStatus.Churned => "churned",
        FeedbackCustomerStatus.Active => "active",
        FeedbackCustomerStatus.NeverPurchased => "no purchase",
        _ => status.ToString(),
    };
}
