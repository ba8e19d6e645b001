using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Retention.Pipeline;
using Retention.Pipeline.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddRetentionPipeline(builder.Configuration);
// Queues, tables and containers made at start, so a fresh Azurite is healthy at once (docs/storage.md).
builder.Services.AddHostedService<StorageProvisioning>();
builder.Build().Run();
