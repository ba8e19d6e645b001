using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Retention.Pipeline.Telemetry;

/// <summary>
/// The one OpenTelemetry setup both hosts use (<c>docs/telemetry.md</c>): the pipeline's spans and metrics
/// (<see cref="RetentionTracing"/>, <see cref="RetentionMetrics"/>), outgoing HTTP (audience webhooks), and logs, to the
/// exporters chosen. The local host adds its incoming requests (<c>incomingRequests</c>); in the Functions app
/// the worker's own integration (<c>UseFunctionsWorkerDefaults</c>) makes the invocation spans instead.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "retention";

    public static OpenTelemetryBuilder AddRetentionTelemetry(this IServiceCollection services, TelemetryExporters exporters, bool incomingRequests)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.AddSource(RetentionTracing.SourceName).AddHttpClientInstrumentation(o =>
                {
                    o.RecordException = false;
                    // Only calls made inside a traced operation (storage writes of a delivery or a night, an audience webhook):
                    // the local host's queue polls, every two seconds per queue, would each be a trace of their own.
                    o.FilterHttpRequestMessage = _ => Activity.Current is { } call && call.ParentSpanId != default;
                });
                if (incomingRequests) tracing.AddAspNetCoreInstrumentation(o => o.RecordException = false);
                if (exporters.Otlp is { } otlp) tracing.AddOtlpExporter(o => Otlp(o, otlp, "v1/traces"));
                if (exporters.Console) tracing.AddConsoleExporter();
                exporters.Traces?.Invoke(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RetentionMetrics.MeterName);
                if (exporters.Otlp is { } otlp) metrics.AddOtlpExporter(o => Otlp(o, otlp, "v1/metrics"));
                if (exporters.Console) metrics.AddConsoleExporter();
                exporters.Metrics?.Invoke(metrics);
            })
            .WithLogging(logs =>
            {
                if (exporters.Otlp is { } otlp) logs.AddOtlpExporter(o => Otlp(o, otlp, "v1/logs"));
                // Not the console: the hosts already log there, one line per entry.
                exporters.Logs?.Invoke(logs);
            }, options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            });
        if (exporters.AzureMonitorConnectionString is { } connectionString)
        {
            var (entraId, clientId) = TelemetryExporters.ParseAuthentication(exporters.AzureMonitorAuthentication);
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                if (entraId)
                    o.Credential = clientId is null
                        ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        }
        return telemetry;
    }

    /// <summary>OTLP over HTTP/protobuf, each signal to its path under the endpoint (the collector's 4318).</summary>
    private static void Otlp(OtlpExporterOptions options, Uri endpoint, string path)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(endpoint, path);
    }

}
