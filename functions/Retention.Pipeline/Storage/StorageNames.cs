using Retention.Core.Datasets;

namespace Retention.Pipeline.Storage;

/// <summary>
/// The queues, tables and blob containers of the pipeline (<c>docs/storage.md</c>). The Bicep templates
/// provision exactly these, and a test checks that the two agree.
/// </summary>
public static class StorageNames
{
    public const string OrderEventsQueue = "order-events";
    public const string SnapshotRequestsQueue = "snapshot-requests";

    /// <summary>One message per audience webhook to send (<c>AudienceDeliveryService</c>); retries come back on it after their back-off.</summary>
    public const string AudienceDeliveriesQueue = "audience-deliveries";
    public const string PoisonSuffix = "-poison";

    public const string ShopsTable = "shops";
    public const string OrdersTable = "orders";
    public const string OrderChangesTable = "orderchanges";
    /// <summary>One row per shop and day: the day's headline figures and its commit record (the kpis dataset's table).</summary>
    public static string SnapshotsTable => NightlyDatasets.Kpis.Table;
    public const string RetentionSpendTable = "retentionspend";
    public const string FeedbackTable = "feedback";

    /// <summary>Shopify refunds whose order is not stored yet, applied when it is (<see cref="PendingRefundTable"/>).</summary>
    public const string PendingRefundsTable = "pendingrefunds";

    /// <summary>One row per compliance request (data request, customer or shop erasure), with no personal data.</summary>
    public const string PrivacyAuditTable = "privacyaudit";

    /// <summary>Each shop's product catalog: title, category and vendor by product id (<c>ProductCatalogTable</c>).</summary>
    public const string ProductsTable = "products";

    /// <summary>Each shop's own audiences (<c>AudienceTable</c>); the built-in ones are not stored.</summary>
    public const string AudiencesTable = "audiences";

    /// <summary>The shops' audience webhook endpoints (<c>AudienceSubscriptionTable</c>).</summary>
    public const string AudienceSubscriptionsTable = "audiencesubscriptions";

    /// <summary>The audience webhooks' outbox and dead letters (<c>AudienceDeliveryTable</c>).</summary>
    public const string AudienceDeliveriesTable = "audiencedeliveries";

    /// <summary>When each shop's last webhook of each platform arrived (<c>ShopActivityTable</c>), for <c>retention status</c>.</summary>
    public const string ShopActivityTable = "shopactivity";

    /// <summary>Each shop's nights: outcome, start, duration, orders or the failure's reason (<c>NightRunTable</c>), for <c>retention status</c>.</summary>
    public const string NightRunsTable = "nightruns";

    public const string RawEventsContainer = "raw-events";
    public const string OrderLedgersContainer = "order-ledgers";
    public const string ExportsContainer = "exports";

    /// <summary>A customer's data as one JSON document per data request, for the merchant to hand over.</summary>
    public const string PrivacyExportsContainer = "privacy-exports";

    /// <summary>Each shop's audience stays after each of its last nights (<c>AudienceStayStore</c>).</summary>
    public const string AudienceStaysContainer = "audience-stays";

    public static IReadOnlyList<string> Queues { get; } = [OrderEventsQueue, SnapshotRequestsQueue, AudienceDeliveriesQueue];
    public static IReadOnlyList<string> PoisonQueues { get; } = [.. Queues.Select(q => q + PoisonSuffix)];
    public static IReadOnlyList<string> Tables { get; } =
        [ShopsTable, OrdersTable, OrderChangesTable, SnapshotsTable, RetentionSpendTable, FeedbackTable, PendingRefundsTable, PrivacyAuditTable, ProductsTable, AudiencesTable, AudienceSubscriptionsTable, AudienceDeliveriesTable, ShopActivityTable, NightRunsTable, .. NightlyDatasets.DayPartitionTables];
    public static IReadOnlyList<string> Containers { get; } = [RawEventsContainer, OrderLedgersContainer, ExportsContainer, PrivacyExportsContainer, AudienceStaysContainer];
}
