using Microsoft.Extensions.Configuration;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Retention.Pipeline.Telemetry;

/// <summary>
/// Where the telemetry goes. In Azure, Application Insights (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>) with the managed
/// identity named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=…;Authorization=AAD</c>): the component
/// has local authentication disabled, so the instrumentation key alone is refused. Locally, an OTLP endpoint
/// (<c>retention serve --otlp</c>) or the console. A test adds its in-memory exporters through the three hooks.
/// </summary>
public sealed record TelemetryExporters(
    string? AzureMonitorConnectionString = null,
    string? AzureMonitorAuthentication = null,
    Uri? Otlp = null,
    bool Console = false,
    Action<TracerProviderBuilder>? Traces = null,
    Action<MeterProviderBuilder>? Metrics = null,
    Action<LoggerProviderBuilder>? Logs = null)
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Application Insights as the app settings name it (nothing when the connection string is unset).</summary>
    public static TelemetryExporters FromConfiguration(IConfiguration configuration) =>
        new(NullIfBlank(configuration[ConnectionStringSetting]), NullIfBlank(configuration[AuthenticationSetting]));

    /// <summary>
    /// The managed identity's client id in <c>ClientId=…;Authorization=AAD</c>, or null for the system-assigned identity
    /// (<c>Authorization=AAD</c> alone). Anything else is a mistake that would lose every span: refused at start.
    /// </summary>
    public static (bool UseEntraId, string? ClientId) ParseAuthentication(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (false, null);
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : "", StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{AuthenticationSetting} must say Authorization=AAD (and ClientId=… for a user-assigned identity)");
        return (true, parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0 ? clientId : null);
    }

    public bool Any => AzureMonitorConnectionString is not null || Otlp is not null || Console || Traces is not null || Metrics is not null || Logs is not null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
