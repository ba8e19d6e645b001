using Microsoft.Extensions.Configuration;
using Retention.Pipeline;

namespace Retention.Cli.Settings;

/// <summary>
/// The settings every command sees, later sources winning: the local settings file, environment variables
/// (app-setting names, as in Azure), <c>RETENTION_STORAGE</c>, then <c>--storage</c>.
/// </summary>
public static class RetentionConfiguration
{
    public static IConfigurationRoot Build(LocalSettingsFile settings, string? storage)
    {
        var builder = new ConfigurationBuilder();
        LocalSettingsConfigurationSource.Add(builder, settings);
        builder.AddEnvironmentVariables();
        var overrides = new Dictionary<string, string?>();
        if (Environment.GetEnvironmentVariable("RETENTION_STORAGE") is { Length: > 0 } fromEnvironment)
            overrides[SettingNames.RetentionStorage] = fromEnvironment;
        if (!string.IsNullOrWhiteSpace(storage)) overrides[SettingNames.RetentionStorage] = storage;
        builder.AddInMemoryCollection(overrides);
        return builder.Build();
    }
}
