using System.CommandLine;

namespace Retention.Cli.Commands;

/// <summary>Options every command takes: where storage and the local settings are.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Storage = new("--storage")
    {
        Description = "Storage connection string (default: RETENTION_STORAGE, then RetentionStorage in the settings file)",
        Recursive = true,
    };

    public static readonly Option<string?> Settings = new("--settings")
    {
        Description = "Local settings file with shop secrets (default: RETENTION_SETTINGS, then .retention/local.settings.json)",
        Recursive = true,
    };
}
