using Retention.Core.Metrics;

namespace Retention.Core.Datasets;

/// <summary>The named RFM segments: customers and net revenue in each.</summary>
public static class RfmSegmentsDataset
{
    public static Dataset Definition { get; } = Dataset.Declare<RfmSegmentSummary>("rfm_segments", "named RFM segment", "snapshotsegments",
        night => night.Retention.Rfm.Segments,
        c => c
            .Text("segment", s => s.Segment.ToString())
            .Int("customers", s => s.Customers)
            .Decimal("net_revenue", s => s.NetRevenue),
        key: ["segment"]);
}
