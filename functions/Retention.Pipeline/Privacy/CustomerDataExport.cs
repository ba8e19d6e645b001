using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Retention.Core.Orders;
using Retention.Core.Privacy;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Storage;
using Retention.Core.Shopify;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// <c>customers/data_request</c>: writes the customer's order rows and survey answers as one JSON document
/// (<see cref="CustomerDataDocument"/>) to <c>privacy-exports/{shop}/{data request id}.json</c> and logs where. Writing
/// it again (a redelivery) replaces it with the same rows. The blob's metadata names the customer by pseudonym only, so
/// a later <c>customers/redact</c> finds and deletes the export too.
/// </summary>
public sealed partial class CustomerDataExport(RetentionStorage storage, OrderTable orders, FeedbackTable feedback, TimeProvider clock,
    ILogger<CustomerDataExport> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string BlobName(string shopId, ShopifyPrivacyRequest request, string webhookId) =>
        $"{shopId}/{Uri.EscapeDataString(request.DataRequestId ?? webhookId)}.json";

    public async Task<PrivacyAuditEntry> ExportAsync(ShopContext shop, ShopifyPrivacyRequest request, PrivacyAuditEntry entry,
        CancellationToken cancellationToken)
    {
        var keys = request.CustomerKeys.ToHashSet(StringComparer.Ordinal);
        var named = request.OrderIds.ToHashSet(StringComparer.Ordinal);
        var customerOrders = (await orders.ReadShopAsync(shop.ShopId, cancellationToken))
            .Where(o => keys.Contains(o.CustomerKey) || named.Contains(o.OrderId)).Select(ExportedOrder.Of).ToList();
        var answers = (await feedback.ReadShopAsync(shop.ShopId, cancellationToken))
            .Where(a => keys.Contains(a.CustomerKey)).Select(ExportedAnswer.Of).ToList();

        var document = new CustomerDataDocument(shop.ShopId, request.Topic, request.DataRequestId, entry.WebhookId, entry.ReceivedAt,
            clock.GetUtcNow(), [.. keys.Order(StringComparer.Ordinal)], customerOrders, answers);
        var blobName = BlobName(shop.ShopId, request, entry.WebhookId);
        await storage.PrivacyExports.GetBlobClient(blobName).UploadAsync(BinaryData.FromObjectAsJson(document, Json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Metadata = new Dictionary<string, string>
            {
                ["shop"] = shop.ShopId,
                ["webhookid"] = entry.WebhookId,
                // Space-separated pseudonyms of the customer's keys: how a later erasure of the customer finds this export.
                ["customer"] = string.Join(' ', keys.Order(StringComparer.Ordinal).Select(k => CustomerPseudonym.Of(k, shop.CustomerIdSalt))),
            },
        }, cancellationToken);
        LogDataExported(logger,
            request.DataRequestId ?? entry.WebhookId, shop.ShopId, customerOrders.Count, answers.Count, StorageNames.PrivacyExportsContainer, blobName);
        return entry with { ExportBlob = $"{StorageNames.PrivacyExportsContainer}/{blobName}", OrdersExported = customerOrders.Count,
            FeedbackExported = answers.Count };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data request {Request} of shop {Shop}: {Orders} orders and {Answers} survey answers exported to {Container}/{Blob}")]
    private static partial void LogDataExported(ILogger logger, string request, string shop, int orders, int answers, string container, string blob);
}
