using Retention.Pipeline.Http;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Hosting;

/// <summary>
/// Every function of the app, declared once. The local host (<c>Cli/LocalHost/LocalFunctionsHost</c>) serves exactly
/// these, and a test holds the Functions app's generated <c>functions.metadata</c> to them, so a route, method,
/// authorization level, queue or schedule changed in one host alone fails the build's tests.
/// </summary>
public static class FunctionBindings
{
    public const string GenericWebhook = "GenericWebhook";
    public const string ShopifyWebhook = "ShopifyWebhook";
    public const string WooCommerceWebhook = "WooCommerceWebhook";
    public const string Feedback = "Feedback";
    public const string RetentionSpend = "RetentionSpend";
    public const string Health = "Health";
    public const string Report = "Report";
    public const string ReportOfDay = "ReportOfDay";
    public const string ProcessOrderEvent = "ProcessOrderEvent";
    public const string ComputeShopSnapshot = "ComputeShopSnapshot";
    public const string DeliverAudienceChanges = "DeliverAudienceChanges";
    public const string NightlySnapshot = "NightlySnapshot";

    /// <summary>
    /// host.json's <c>extensions.queues.maxDequeueCount</c>: the dequeue on which a failure parks a message in <c>-poison</c>.
    /// The Functions app counts such a failure as poisoned by it (the host moves the message, the worker is not told); the local
    /// host reads host.json itself, and a test holds the two equal.
    /// </summary>
    public const int MaxDequeueCount = 5;

    public static IReadOnlyList<FunctionBinding> All { get; } =
    [
        FunctionBinding.Http(GenericWebhook, "post", HttpRoutes.GenericWebhook),
        FunctionBinding.Http(ShopifyWebhook, "post", HttpRoutes.ShopifyWebhook),
        FunctionBinding.Http(WooCommerceWebhook, "post", HttpRoutes.WooCommerceWebhook),
        FunctionBinding.Http(Feedback, "post", HttpRoutes.Feedback),
        FunctionBinding.Http(RetentionSpend, "post", HttpRoutes.RetentionSpend),
        FunctionBinding.Http(Health, "get", HttpRoutes.Health),
        // The reports need a function key in Azure as well as the shop's report key (docs/reports.md).
        FunctionBinding.Http(Report, "get", HttpRoutes.Report, "Function"),
        FunctionBinding.Http(ReportOfDay, "get", HttpRoutes.ReportOfDay, "Function"),
        FunctionBinding.QueueTrigger(ProcessOrderEvent, StorageNames.OrderEventsQueue),
        FunctionBinding.QueueTrigger(ComputeShopSnapshot, StorageNames.SnapshotRequestsQueue),
        FunctionBinding.QueueTrigger(DeliverAudienceChanges, StorageNames.AudienceDeliveriesQueue),
        FunctionBinding.TimerTrigger(NightlySnapshot, SettingNames.NightlySnapshotSchedule),
    ];

    public static FunctionBinding Named(string name) => All.Single(b => b.Name == name);
}
