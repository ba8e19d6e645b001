using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Retention.Pipeline.Telemetry;

namespace Retention.Tests.Support;

/// <summary>
/// The OpenTelemetry in-memory side of a host: every span it ended, its metrics as of the last flush, and every log record
/// written out whole (message, attributes, scopes, exception), so a test can follow a trace, read a counter, or search
/// what was logged.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly List<MetricSnapshot> _metrics = [];

    public IReadOnlyList<Activity> Spans => [.. _spans];
    public IReadOnlyList<string> Logs => [.. _logs];

    public TelemetryExporters Exporters => new(
        Traces: t => t.AddProcessor(new SpanSink(_spans)),
        // Exported only when a test flushes (an hour is "never" within a test), so a snapshot is never written mid-read.
        Metrics: m => m.AddInMemoryExporter(_metrics, o => o.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000),
        Logs: l => l.AddProcessor(new LogSink(_logs)));

    /// <summary>The spans of one trace.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => [.. Spans.Where(s => s.TraceId == traceId)];

    /// <summary>Waits until a span matching <paramref name="match"/> has ended.</summary>
    public async Task<Activity> SpanAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (Spans.FirstOrDefault(match) is { } span) return span;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no such span; ended: {string.Join(", ", Spans.Select(s => s.DisplayName).Distinct())}");
    }

    /// <summary>
    /// Flushes the host's metrics and adds up the named metric's points whose tags include all of <paramref name="tags"/>:
    /// a counter's sum, a histogram's count of recordings.
    /// </summary>
    public double Read(IServiceProvider host, string name, params (string Key, string Value)[] tags)
    {
        var provider = (MeterProvider)host.GetService(typeof(MeterProvider))!;
        lock (_metrics)
        {
            _metrics.Clear();
            provider.ForceFlush();
            var total = 0.0;
            foreach (var metric in _metrics.Where(m => m.Name == name))
                foreach (var point in metric.MetricPoints)
                {
                    var pointTags = new Dictionary<string, string?>();
                    foreach (var tag in point.Tags) pointTags[tag.Key] = tag.Value?.ToString();
                    if (!tags.All(t => pointTags.GetValueOrDefault(t.Key) == t.Value)) continue;
                    total += metric.MetricType switch
                    {
                        MetricType.LongSum => point.GetSumLong(),
                        MetricType.DoubleSum => point.GetSumDouble(),
                        MetricType.Histogram => point.GetHistogramCount(),
                        _ => throw new InvalidOperationException($"{name} is a {metric.MetricType}"),
                    };
                }
            return total;
        }
    }

    /// <summary>The unit a metric was exported with (after a <see cref="Read"/>).</summary>
    public string? UnitOf(string name)
    {
        lock (_metrics) return _metrics.FirstOrDefault(m => m.Name == name)?.Unit;
    }

    private sealed class SpanSink(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }

    /// <summary>Copies each record at once: the SDK reuses log records after export.</summary>
    private sealed class LogSink(ConcurrentQueue<string> logs) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var text = new StringBuilder().Append(data.CategoryName).Append(' ').Append(data.LogLevel).Append(": ").Append(data.FormattedMessage);
            foreach (var (key, value) in data.Attributes ?? []) text.Append(" | ").Append(key).Append('=').Append(value);
            data.ForEachScope((scope, builder) =>
            {
                foreach (var (key, value) in scope) builder.Append(" | scope ").Append(key).Append('=').Append(value);
            }, text);
            if (data.Exception is { } e) text.Append(" | exception ").Append(e);
            logs.Enqueue(text.ToString());
        }
    }
}
