using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Retention.Cli.Settings;

/// <summary>
/// Loads <see cref="LocalSettingsFile"/> the way the Functions host loads local.settings.json: every entry of
/// Values becomes a setting, with <c>__</c> read as the section separator. Reloaded when the file changes,
/// so <c>retention shops add</c> takes effect in a running <c>retention serve</c>.
/// </summary>
public sealed class LocalSettingsConfigurationSource : FileConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new LocalSettingsConfigurationProvider(this);
    }

    public static IConfigurationBuilder Add(IConfigurationBuilder builder, LocalSettingsFile file)
    {
        var directory = System.IO.Path.GetDirectoryName(file.Path)!;
        Directory.CreateDirectory(directory);
        return builder.Add(new LocalSettingsConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(directory),
            Path = System.IO.Path.GetFileName(file.Path),
            Optional = true,
            ReloadOnChange = true,
            ReloadDelay = 100,
        });
    }
}

internal sealed class LocalSettingsConfigurationProvider(LocalSettingsConfigurationSource source) : FileConfigurationProvider(source)
{
    public override void Load(Stream stream) =>
        Data = LocalSettingsFile.Parse(stream).ToDictionary(
            pair => pair.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
            pair => (string?)pair.Value, StringComparer.OrdinalIgnoreCase);
}
