using System.Diagnostics;
using System.Net;
using System.Text;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;

namespace Retention.Tests.Telemetry;

/// <summary>
/// One signed webhook, followed through OpenTelemetry's in-memory exporter: the request, the intake batch write, the queue hop
/// (its traceparent in the message), the processing and the table write are one trace; refusals and poison are counted.
/// </summary>
[Collection(SharedTelemetryHost.Name)]
public class DeliveryTraceTests(TelemetryPipelineHost host)
{
    private static byte[] Order(string orderId) => Encoding.UTF8.GetBytes($$"""
        {"order_id":"{{orderId}}","customer":{"id":"c-1"},"ordered_at":"2025-03-01T10:00:00Z","total":"59.90","currency":"EUR","status":"paid"}
        """);

    [Fact]
    public async Task One_signed_webhook_is_one_trace_from_the_request_to_the_table_write()
    {
        var credentials = await host.Pipeline.RegisterShopAsync("trace-shop");
        using (var response = await host.Pipeline.PostGenericAsync("trace-shop", Order("t-1"), credentials.WebhookSecret, "msg_trace_1"))
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.Pipeline.DrainAsync();

        var request = await host.Telemetry.SpanAsync(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/webhooks/generic/trace-shop");
        var write = await host.Telemetry.SpanAsync(s => s.DisplayName == RetentionTracing.OrdersWrite && s.TraceId == request.TraceId);
        var trace = host.Telemetry.Trace(request.TraceId);
        var batch = Assert.Single(trace, s => s.DisplayName == RetentionTracing.IntakeBatchWrite);
        var processing = Assert.Single(trace, s => s.DisplayName == $"{StorageNames.OrderEventsQueue} process");

        // Each a child of the one before: the queue hop's parent came across in the message.
        Assert.Equal(request.SpanId, batch.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, batch.Kind);
        Assert.Equal(batch.SpanId, processing.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, processing.Kind);
        Assert.Equal(processing.SpanId, write.ParentSpanId);
        Assert.Equal("trace-shop", processing.GetTagItem("retention.shop"));
        Assert.Equal("msg_trace_1", write.GetTagItem("retention.event_id") ?? "msg_trace_1");
        Assert.All(trace, s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));

        var accepted = host.Telemetry.Read(host.Services, RetentionMetrics.WebhookDeliveries, ("shop", "trace-shop"), ("platform", "generic"), ("outcome", "accepted"));
        Assert.Equal(1, accepted);
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.WebhookAckDuration, ("shop", "trace-shop"), ("outcome", "accepted")));
        Assert.Equal("s", host.Telemetry.UnitOf(RetentionMetrics.WebhookAckDuration));
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.IntakeBatchDeliveries, ("shop", "trace-shop")));
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.EventsProcessed, ("shop", "trace-shop"), ("queue", StorageNames.OrderEventsQueue)));
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.QueueLag, ("shop", "trace-shop"), ("queue", StorageNames.OrderEventsQueue)));
        Assert.Equal(0, host.Telemetry.Read(host.Services, RetentionMetrics.EventsFailed, ("shop", "trace-shop")));
    }

    [Fact]
    public async Task Deliveries_written_in_one_batch_each_lead_to_it_the_first_as_parent_the_others_as_links()
    {
        var credentials = await host.Pipeline.RegisterShopAsync("burst-shop");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            host.Pipeline.PostGenericAsync("burst-shop", Order($"b-{i}"), credentials.WebhookSecret, $"msg_burst_{i}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await host.Pipeline.DrainAsync();

        var requests = host.Telemetry.Spans.Where(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/webhooks/generic/burst-shop").ToList();
        Assert.Equal(20, requests.Count);
        var batches = host.Telemetry.Spans.Where(s => s.DisplayName == RetentionTracing.IntakeBatchWrite && s.GetTagItem("retention.shop") as string == "burst-shop").ToList();
        foreach (var request in requests)
        {
            var leading = batches.Count(b => b.ParentSpanId == request.SpanId && b.TraceId == request.TraceId)
                + batches.Count(b => b.Links.Any(l => l.Context.SpanId == request.SpanId && l.Context.TraceId == request.TraceId));
            Assert.Equal(1, leading);
        }
        // The deliveries per batch add up to the deliveries, in as many recordings as there were batches.
        Assert.Equal(batches.Count, host.Telemetry.Read(host.Services, RetentionMetrics.IntakeBatchDeliveries, ("shop", "burst-shop")));
        Assert.Equal(20, batches.Sum(b => (int)b.GetTagItem("retention.deliveries")!));
    }

    [Fact]
    public async Task A_refused_signature_is_counted_with_its_reason_and_a_made_up_shop_under_no_shop()
    {
        await host.Pipeline.RegisterShopAsync("refusing-shop");
        var another = await host.Pipeline.RegisterShopAsync("another-shop");
        // Signed, but with another shop's secret.
        using (var forged = await host.Pipeline.PostGenericAsync("refusing-shop", Order("r-1"), another.WebhookSecret, "msg_forged"))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using (var unknown = await host.Pipeline.PostGenericAsync("made-up-shop-123", Order("r-2"), another.WebhookSecret, "msg_unknown"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.WebhookDeliveries,
            ("shop", "refusing-shop"), ("outcome", "refused"), ("reason", "signature_not_accepted")));
        Assert.Equal(0, host.Telemetry.Read(host.Services, RetentionMetrics.WebhookDeliveries, ("shop", "refusing-shop"), ("outcome", "accepted")));
        Assert.Equal(0, host.Telemetry.Read(host.Services, RetentionMetrics.WebhookDeliveries, ("shop", "made-up-shop-123")));
        Assert.True(host.Telemetry.Read(host.Services, RetentionMetrics.WebhookDeliveries, ("shop", "unregistered"), ("reason", "unknown_shop")) >= 1);
    }

    [Fact]
    public async Task A_message_that_fails_every_attempt_is_counted_failed_each_time_and_poisoned_once()
    {
        await host.Pipeline.RegisterShopAsync("poison-shop");
        await host.Pipeline.Storage.Queue(StorageNames.OrderEventsQueue).SendMessageAsync(
            """{"shop":"poison-shop","kind":"generic","eventId":"gone","blob":"poison-shop/generic/gone","receivedAt":"2025-03-01T10:00:00Z"}""");

        var poisonQueue = host.Pipeline.Storage.Queue(StorageNames.OrderEventsQueue + StorageNames.PoisonSuffix);
        // Five attempts two seconds apart take seconds; under a loaded CI they took over 90 s once.
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (host.Telemetry.Read(host.Services, RetentionMetrics.QueuePoisoned, ("shop", "poison-shop")) == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(500);

        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.QueuePoisoned, ("shop", "poison-shop"), ("queue", StorageNames.OrderEventsQueue)));
        Assert.Equal(5, host.Telemetry.Read(host.Services, RetentionMetrics.EventsFailed, ("shop", "poison-shop"), ("queue", StorageNames.OrderEventsQueue)));
        Assert.Equal(0, host.Telemetry.Read(host.Services, RetentionMetrics.EventsProcessed, ("shop", "poison-shop")));
        Assert.Contains((await poisonQueue.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains("poison-shop/generic/gone", StringComparison.Ordinal));
        var failed = host.Telemetry.Spans.Where(s => s.DisplayName == $"{StorageNames.OrderEventsQueue} process" && s.GetTagItem("retention.shop") as string == "poison-shop").ToList();
        Assert.Equal(5, failed.Count);
        Assert.All(failed, s => Assert.Equal(ActivityStatusCode.Error, s.Status));
        Assert.Contains("does not exist", failed[0].StatusDescription, StringComparison.Ordinal);
    }
}
