using System.Diagnostics;
using System.Net;
using System.Text;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;

namespace Retention.Tests.Telemetry;

/// <summary>A shop's night is a trace of its own with a span per stage, and its outcome, duration, orders and exported bytes are metrics.</summary>
[Collection(SharedTelemetryHost.Name)]
public class NightTraceTests(TelemetryPipelineHost host)
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private async Task SendOrdersAsync(string shop, int count)
    {
        var credentials = await host.Pipeline.RegisterShopAsync(shop);
        for (var i = 0; i < count; i++)
        {
            var body = Encoding.UTF8.GetBytes($$"""
                {"order_id":"{{shop}}-{{i}}","customer":{"id":"c-{{i % 4}}"},"ordered_at":"2025-0{{1 + i % 5}}-1{{i % 9}}T10:00:00Z","total":"{{20 + i}}.00","currency":"EUR","status":"paid"}
                """);
            using var response = await host.Pipeline.PostGenericAsync(shop, body, credentials.WebhookSecret, $"msg_{shop}_{i}");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await host.Pipeline.DrainAsync();
    }

    [Fact]
    public async Task A_night_is_one_trace_with_a_span_per_stage_and_its_metrics()
    {
        await SendOrdersAsync("night-shop", 9);
        var figures = await host.Pipeline.Service<SnapshotService>().ComputeAsync("night-shop", AsOf, default);

        var night = await host.Telemetry.SpanAsync(s => s.DisplayName == RetentionTracing.Night && s.GetTagItem("retention.shop") as string == "night-shop");
        Assert.Equal(default, night.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, night.Status);
        var stages = host.Telemetry.Trace(night.TraceId).Where(s => s.ParentSpanId == night.SpanId && s.Source.Name == RetentionTracing.SourceName).Select(s => s.DisplayName).ToList();
        Assert.Equal(RetentionTracing.NightStage.All.Except([RetentionTracing.NightStage.Report]).Order(), stages.Distinct().Order());
        // The storage calls are spans too, inside the stage that made them.
        Assert.Contains(host.Telemetry.Trace(night.TraceId), s => s.Kind == ActivityKind.Client && s.ParentSpanId != night.SpanId);
        // The report is written while the exports are: a child of that stage.
        var exports = host.Telemetry.Trace(night.TraceId).Single(s => s.DisplayName == RetentionTracing.NightStage.Exports);
        Assert.Single(host.Telemetry.Trace(night.TraceId), s => s.DisplayName == RetentionTracing.NightStage.Report && s.ParentSpanId == exports.SpanId);

        Assert.Equal(9, figures.Headline.Orders);
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.NightRuns, ("shop", "night-shop"), ("outcome", "completed")));
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.NightDuration, ("shop", "night-shop"), ("outcome", "completed")));
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.NightOrders, ("shop", "night-shop")));
        Assert.Equal(9, Convert.ToInt64(night.GetTagItem("retention.orders"), System.Globalization.CultureInfo.InvariantCulture));
        // Every file the night published, counted by its bytes: the manifest's sizes add up to the metric.
        var files = await ExportedFilesAsync("night-shop");
        foreach (var format in new[] { "parquet", "csv", "html" })
        {
            var bytes = files.Where(f => f.Path.EndsWith("." + format, StringComparison.Ordinal)).Sum(f => f.Bytes);
            Assert.True(bytes > 0, format);
            Assert.Equal(bytes, host.Telemetry.Read(host.Services, RetentionMetrics.ExportBytes, ("shop", "night-shop"), ("format", format)));
        }
        Assert.Equal(files.Single(f => f.Path.StartsWith("kpis/", StringComparison.Ordinal) && f.Path.EndsWith(".csv", StringComparison.Ordinal)).Bytes,
            host.Telemetry.Read(host.Services, RetentionMetrics.ExportBytes, ("shop", "night-shop"), ("dataset", "kpis"), ("format", "csv")));
    }

    [Fact]
    public async Task A_night_that_fails_is_counted_failed_and_its_span_says_why()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => host.Pipeline.Service<SnapshotService>().ComputeAsync("never-registered", AsOf, default));

        var night = await host.Telemetry.SpanAsync(s => s.DisplayName == RetentionTracing.Night && s.GetTagItem("retention.shop") as string == "never-registered");
        Assert.Equal(ActivityStatusCode.Error, night.Status);
        Assert.Contains("not registered", night.StatusDescription, StringComparison.Ordinal);
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.NightRuns, ("shop", "never-registered"), ("outcome", "failed")));
        Assert.Equal(0, host.Telemetry.Read(host.Services, RetentionMetrics.NightRuns, ("shop", "never-registered"), ("outcome", "completed")));
        Assert.Equal(0, host.Telemetry.Read(host.Services, RetentionMetrics.NightOrders, ("shop", "never-registered")));
    }

    [Fact]
    public async Task A_night_asked_for_through_the_queue_is_its_own_trace_linked_to_the_message_that_asked()
    {
        await SendOrdersAsync("queued-night", 3);
        await QueueMessages.SendAsync(host.Pipeline.Storage.Queue(StorageNames.SnapshotRequestsQueue), new SnapshotRequestMessage("queued-night", AsOf), default);
        await host.Pipeline.DrainAsync();

        var night = await host.Telemetry.SpanAsync(s => s.DisplayName == RetentionTracing.Night && s.GetTagItem("retention.shop") as string == "queued-night");
        var processing = await host.Telemetry.SpanAsync(s => s.DisplayName == $"{StorageNames.SnapshotRequestsQueue} process"
            && s.GetTagItem("retention.shop") as string == "queued-night");
        Assert.NotEqual(processing.TraceId, night.TraceId);
        Assert.Contains(night.Links, l => l.Context.SpanId == processing.SpanId && l.Context.TraceId == processing.TraceId);
        Assert.Equal(1, host.Telemetry.Read(host.Services, RetentionMetrics.EventsProcessed, ("shop", "queued-night"), ("queue", StorageNames.SnapshotRequestsQueue)));
    }

    /// <summary>The files the day's manifest lists, with their sizes.</summary>
    private async Task<IReadOnlyList<(string Path, long Bytes)>> ExportedFilesAsync(string shop)
    {
        var store = host.Pipeline.Service<Retention.Pipeline.Exports.IExportStore>();
        var bytes = await store.ReadAsync(Retention.Pipeline.Exports.SnapshotExporter.ManifestPath(shop, AsOf), default);
        Assert.NotNull(bytes);
        using var manifest = System.Text.Json.JsonDocument.Parse(bytes);
        return [.. manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => (f.GetProperty("path").GetString()!, f.GetProperty("bytes").GetInt64()))];
    }
}
