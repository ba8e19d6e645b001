using Microsoft.Extensions.Configuration;
using Retention.Pipeline.Telemetry;

namespace Retention.Tests.Telemetry;

/// <summary>
/// How the app reads where Application Insights is and which identity sends to it: infra's
/// <c>ClientId=…;Authorization=AAD</c>, the system-assigned identity, none, and a mistake that would lose every span.
/// </summary>
public class TelemetryExportersTests
{
    [Theory]
    [InlineData("ClientId=0b1c2d3e-aaaa-bbbb-cccc-1234567890ab;Authorization=AAD", true, "0b1c2d3e-aaaa-bbbb-cccc-1234567890ab")]
    [InlineData("Authorization=AAD;ClientId=abc", true, "abc")]
    [InlineData("authorization=aad", true, null)]
    [InlineData("", false, null)]
    [InlineData(null, false, null)]
    public void The_authentication_string_names_the_managed_identity(string? value, bool entraId, string? clientId) =>
        Assert.Equal((entraId, clientId), TelemetryExporters.ParseAuthentication(value));

    [Theory]
    [InlineData("ClientId=abc")]
    [InlineData("Authorization=Key")]
    [InlineData("garbage")]
    public void Anything_else_is_refused_at_start_naming_the_setting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TelemetryExporters.ParseAuthentication(value));
        Assert.StartsWith(TelemetryExporters.AuthenticationSetting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_insights_is_used_only_when_its_connection_string_is_set()
    {
        var none = TelemetryExporters.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryExporters.ConnectionStringSetting] = " ",
        }).Build());
        Assert.False(none.Any);
        var set = TelemetryExporters.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryExporters.ConnectionStringSetting] = "IngestionEndpoint=https://ingest.example.invalid/",
            [TelemetryExporters.AuthenticationSetting] = "Authorization=AAD",
        }).Build());
        Assert.True(set.Any);
        Assert.Equal("Authorization=AAD", set.AzureMonitorAuthentication);
    }
}
