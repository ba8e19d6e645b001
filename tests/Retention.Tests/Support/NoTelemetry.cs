using Retention.Pipeline.Telemetry;

namespace Retention.Tests.Support;

/// <summary>Telemetry for a service a test makes by hand: real instruments that nothing listens to.</summary>
internal static class NoTelemetry
{
    public static RetentionTracing Tracing() => new();

    public static RetentionMetrics Metrics() => new();
}
