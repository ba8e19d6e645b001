using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Retention.Pipeline.Storage;
using Retention.Pipeline.Telemetry;

namespace Retention.Cli.Demo;

/// <summary>
/// The demo's own look at the telemetry its host sends (<c>docs/telemetry.md</c>): it keeps the pipeline's spans in memory
/// and prints one delivery's trace, from the request to the table write, and the night's, stage by stage.
/// </summary>
public sealed class DemoTelemetry
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    /// <summary>Only the pipeline's own spans and the requests: the storage calls would be tens of thousands here.</summary>
    public TelemetryExporters Exporters => new(Traces: t => t.AddProcessor(new Sink(_spans)));

    public void Print(string shopId, TextWriter output)
    {
        var spans = _spans.ToList();
        var write = spans.FirstOrDefault(s => s.DisplayName == RetentionTracing.OrdersWrite && s.GetTagItem("retention.shop") as string == shopId
            && spans.Any(r => r.TraceId == s.TraceId && r.Kind == ActivityKind.Server));
        if (write is not null)
        {
            var trace = spans.Where(s => s.TraceId == write.TraceId && (s.Source.Name == RetentionTracing.SourceName || s.Kind == ActivityKind.Server))
                .OrderBy(s => s.StartTimeUtc).ToList();
            var end = trace.Max(s => s.StartTimeUtc + s.Duration);
            output.WriteLine($"  a delivery's trace {write.TraceId}: {string.Join(" → ", trace.Select(s => s.DisplayName))}; " +
                             $"{Milliseconds(end - trace[0].StartTimeUtc)} from request to stored order, queue hop included");
        }
        var night = spans.LastOrDefault(s => s.DisplayName == RetentionTracing.Night && s.GetTagItem("retention.shop") as string == shopId);
        if (night is not null)
        {
            var stages = spans.Where(s => s.TraceId == night.TraceId && s.ParentSpanId == night.SpanId && s.Source.Name == RetentionTracing.SourceName)
                .OrderBy(s => s.StartTimeUtc).Select(s => $"{s.DisplayName.Replace("night ", "", StringComparison.Ordinal)} {Seconds(s.Duration)}");
            output.WriteLine($"  the night's trace {night.TraceId}: {Seconds(night.Duration)} = {string.Join(", ", stages)}");
        }
        var processed = spans.Count(s => s.DisplayName == $"{StorageNames.OrderEventsQueue} process");
        var requests = spans.Count(s => s.Kind == ActivityKind.Server);
        output.WriteLine($"  {requests:N0} requests and {processed:N0} queue messages traced; `retention serve --otlp <collector>` sends the same " +
                         "spans, metrics and logs out (docs/telemetry.md)");
    }

    private static string Milliseconds(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private sealed class Sink(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.Source.Name == RetentionTracing.SourceName || data.Kind == ActivityKind.Server) spans.Enqueue(data);
        }
    }
}
