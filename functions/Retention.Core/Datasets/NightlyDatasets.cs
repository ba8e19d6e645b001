using Retention.Core.Nightly;

namespace Retention.Core.Datasets;

/// <summary>
/// Every dataset a night produces, each declared once in its own file: the tables (<c>docs/storage.md</c>) and the
/// Parquet and CSV exports (<c>docs/exports.md</c>) are all written from these declarations, and a test holds the docs'
/// column lists to them.
/// </summary>
public static class NightlyDatasets
{
    public static Dataset Kpis => KpisDataset.Definition;
    public static Dataset Cohorts => CohortsDataset.Definition;
    public static Dataset Months => MonthsDataset.Definition;
    public static Dataset RfmSegments => RfmSegmentsDataset.Definition;
    public static Dataset Customers => CustomersDataset.Definition;
    public static Dataset CohortValue => CohortValueDataset.Definition;
    public static Dataset Feedback => FeedbackDataset.Definition;
    public static Dataset LeavingReasons => LeavingReasonsDataset.Definition;
    public static Dataset ModelReport => ModelReportDataset.Definition;
    public static Dataset FirstPurchaseCohorts => FirstPurchaseCohortsDataset.Definition;
    public static Dataset ProductJourney => ProductJourneyDataset.Definition;
    public static Dataset ProductRepurchase => ProductRepurchaseDataset.Definition;
    public static Dataset TimeToSecondOrder => TimeToSecondOrderDataset.Definition;

    public static Dataset ChannelPayback => ChannelPaybackDataset.Definition;
    public static Dataset Audiences => AudiencesDataset.Definition;
    public static Dataset AudienceMembers => AudienceMembersDataset.Definition;
    public static Dataset AudienceUplift => AudienceUpliftDataset.Definition;

    public static IReadOnlyList<Dataset> All { get; } = [Kpis, Cohorts, Months, RfmSegments, Customers, CohortValue, Feedback, LeavingReasons, ModelReport,
        FirstPurchaseCohorts, ProductJourney, ProductRepurchase, TimeToSecondOrder, ChannelPayback, Audiences, AudienceMembers, AudienceUplift];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(d => d.Name)];

    /// <summary>The datasets that name customers (by <c>customer_key</c>): the ones a customer's erasure cuts.</summary>
    public static IReadOnlyList<Dataset> NamingCustomers { get; } = [Customers, AudienceMembers];

    /// <summary>The tables of the datasets laid out one partition per shop and day (every table but <c>snapshots</c>).</summary>
    public static IReadOnlyList<string> DayPartitionTables { get; } = [.. All.Where(d => d.Layout == TableLayout.DayPartition).Select(d => d.Table)];

    public static IReadOnlyList<DatasetRows> RowsOf(NightlyFigures night) => [.. All.Select(d => d.RowsOf(night))];
}
