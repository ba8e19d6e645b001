namespace Retention.Tests.Support;

/// <summary>
/// A test of the built <c>retention</c> as a user runs it: its own in-memory Azurite and settings file for each test,
/// and <see cref="Run"/> pointing every command at them.
/// </summary>
public abstract class CliAgainstAzurite : IAsyncLifetime
{
    protected Azurite Storage { get; private set; } = null!;

    /// <summary>The settings file the commands write secrets and salts to.</summary>
    protected string SettingsPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        SettingsPath = Path.Combine(Directory.CreateTempSubdirectory("retention-cli-").FullName, "local.settings.json");
    }

    public async Task DisposeAsync()
    {
        await Storage.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(SettingsPath)!, recursive: true);
    }

    protected Task<RetentionCli.Result> Run(params string[] arguments) =>
        RetentionCli.RunAsync([.. arguments, "--storage", Storage.ConnectionString, "--settings", SettingsPath]);
}
