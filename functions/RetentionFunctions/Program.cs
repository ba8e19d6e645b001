using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Retention.Pipeline;
using Retention.Pipeline.Hosting;
using Retention.Pipeline.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddRetentionPipeline(builder.Configuration);
// Traces, metrics and logs to Application Insights with the managed identity (docs/telemetry.md); the worker's integration
// makes each invocation a span under the host's, so a queue message's processing and its request join one trace.
builder.Services.AddRetentionTelemetry(TelemetryExporters.FromConfiguration(builder.Configuration), incomingRequests: false)
    .UseFunctionsWorkerDefaults();
// Queues, tables and containers made at start, so a fresh Azurite is healthy at once (docs/storage.md).
builder.Services.AddHostedService<StorageProvisioning>();
builder.Build().Run();
