using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Http;
using Retention.Pipeline.Import;
using Retention.Pipeline.Privacy;
using Retention.Pipeline.Ingest;
using Retention.Pipeline.Processing;
using Retention.Pipeline.Products;
using Retention.Pipeline.Reports;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Spend;
using Retention.Pipeline.Status;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Ledger;
using Retention.Pipeline.Shopify;
using Retention.Pipeline.WooCommerce;
using Retention.Pipeline.Telemetry;

namespace Retention.Pipeline;

public static class PipelineServices
{
    /// <summary>Everything both hosts need; each host then only maps its triggers onto these services.</summary>
    /// <exception cref="InvalidOperationException">a setting read at start has a value the pipeline refuses
    /// (<see cref="SettingNames.BlobSoftDeleteDays"/>): the host does not start rather than run on a wrong promise.</exception>
    public static IServiceCollection AddRetentionPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        // Read now, not when first needed: a bad value stops the host at start instead of failing every erasure later.
        services.AddSingleton(BlobSoftDeleteWindow.FromConfiguration(configuration));
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        // The pipeline's spans and metrics: free until a host adds exporters (Telemetry/TelemetrySetup).
        services.AddSingleton<RetentionMetrics>();
        services.AddSingleton<RetentionTracing>();
        services.AddSingleton<QueueInvocation>();
        services.AddSingleton(_ => RetentionStorage.FromConfiguration(configuration));
        services.AddSingleton(_ => new ShopCredentialStore(configuration));
        services.AddSingleton<ShopDirectory>();
        services.AddSingleton<OrderChangeLog>();
        services.AddSingleton<OrderTable>();
        services.AddSingleton<OrderLedgerStore>();
        services.AddSingleton<OrderLedgerService>();
        services.AddSingleton<SnapshotTable>();
        services.AddSingleton<SnapshotDayWriter>();
        services.AddSingleton<DatasetTables>();
        services.AddSingleton<SnapshotExporter>();
        services.AddSingleton<ExportErasure>();
        services.AddSingleton<SnapshotCustomerErasure>();
        services.AddSingleton<IExportStore>(provider => new BlobExportStore(
            provider.GetRequiredService<RetentionStorage>().Blobs.GetBlobContainerClient(StorageNames.ExportsContainer)));
        services.AddSingleton<RawEventArchive>();
        services.AddSingleton<RawEventCatalog>();
        services.AddSingleton<PoisonQueues>();
        services.AddSingleton<SignedShopRequest>();
        services.AddSingleton<ShopActivityTable>();
        services.AddSingleton<IntakeBatcher>();
        services.AddSingleton<ClaimCheck>();
        services.AddSingleton<WebhookIngestService>();
        services.AddSingleton<WooCommerceWebhookService>();
        services.AddSingleton(_ => new ShopifySettingsStore(configuration));
        services.AddSingleton<ShopifyWebhookService>();
        services.AddSingleton<WooCommerceOrderDeletionHandler>();
        services.AddSingleton<PendingRefundTable>();
        services.AddSingleton<ShopifyRefundHandler>();
        services.AddSingleton<ShopifyOrderDeletionHandler>();
        services.AddSingleton<PrivacyAuditTable>();
        services.AddSingleton<TableRowEraser>();
        services.AddSingleton<RawEventSweep>();
        services.AddSingleton<CustomerDataExport>();
        services.AddSingleton<CustomerErasure>();
        services.AddSingleton<ShopErasure>();
        services.AddSingleton<ShopifyPrivacyProcessor>();
        services.AddSingleton<RetentionSpendTable>();
        services.AddSingleton<FeedbackTable>();
        services.AddSingleton<ProductCatalogTable>();
        services.AddSingleton<AudienceTable>();
        services.AddSingleton<AudienceStayStore>();
        services.AddSingleton<AudienceService>();
        services.AddSingleton<AudienceSubscriptionTable>();
        services.AddSingleton<AudienceDeliveryTable>();
        services.AddSingleton<AudienceWebhookSender>();
        services.AddSingleton<AudienceDeliveryService>();
        services.AddSingleton(_ => new Core.Audiences.Delivery.AudienceDeliveryRetry(
            TimeSpan.TryParse(configuration[SettingNames.AudienceDeliveryFirstRetry], System.Globalization.CultureInfo.InvariantCulture, out var first)
                ? first : Core.Audiences.Delivery.AudienceDeliveryRetry.Default.FirstDelay,
            TimeSpan.TryParse(configuration[SettingNames.AudienceDeliveryRetryFor], System.Globalization.CultureInfo.InvariantCulture, out var window)
                ? window : Core.Audiences.Delivery.AudienceDeliveryRetry.Default.RetryFor));
        services.AddSingleton<CatalogImport>();
        services.AddSingleton<RetentionSpendService>();
        services.AddSingleton<StorageOutagePatience>();
        services.AddSingleton<SingleEventStore>();
        services.AddSingleton<IntakeBatchStore>();
        services.AddSingleton<OrderEventsDispatch>();
        services.AddSingleton<NightRunTable>();
        services.AddSingleton<NightRunRecorder>();
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<NightlySnapshotScheduler>();
        services.AddSingleton<PipelineStatusReader>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<HealthEndpoint>();
        services.AddSingleton<PublishedReports>();
        services.AddSingleton<ReportEndpoint>();
        services.AddSingleton<ImportArchive>();
        services.AddSingleton<HistoryImportService>();
        return services;
    }
}
