using Microsoft.Extensions.Logging;
using Retention.Tests.Support;

namespace Retention.Tests.Telemetry;

/// <summary>A <see cref="PipelineHost"/> whose traces, metrics and logs go to OpenTelemetry's in-memory side.</summary>
public sealed class TelemetryPipelineHost : IAsyncLifetime
{
    public TelemetryCapture Telemetry { get; } = new();
    public PipelineHost Pipeline { get; }

    public TelemetryPipelineHost() =>
        Pipeline = new PipelineHost(persistentStorage: false, "Retention.Pipeline", LogLevel.Warning, telemetry: Telemetry);

    public IServiceProvider Services => Pipeline.Host.Services;

    public Task InitializeAsync() => Pipeline.InitializeAsync();

    public Task DisposeAsync() => Pipeline.DisposeAsync();
}

/// <summary>
/// Every telemetry test shares one host, one after another: a process has one set of OpenTelemetry providers in
/// production, and two in one process meet each other (each listens to every same-named source, and a disposed provider's
/// ASP.NET Core instrumentation takes the other's request spans with it).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedTelemetryHost : ICollectionFixture<TelemetryPipelineHost>
{
    public const string Name = "telemetry";
}
