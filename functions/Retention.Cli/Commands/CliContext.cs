using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Retention.Cli.Settings;
using Retention.Pipeline;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Commands;

/// <summary>What a command needs from its parse result: settings, configuration and the pipeline's services.</summary>
public sealed class CliContext : IAsyncDisposable
{
    private readonly bool _storageDeclared;
    private ServiceProvider? _services;

    /// <param name="storageDeclared">the command said it needs storage for this command line (<see cref="StorageProbe"/>).</param>
    public CliContext(ParseResult parse, bool storageDeclared)
    {
        _storageDeclared = storageDeclared;
        SettingsFile = LocalSettingsFile.Resolve(parse.GetValue(GlobalOptions.Settings));
        Configuration = RetentionConfiguration.Build(SettingsFile, parse.GetValue(GlobalOptions.Storage));
    }

    public LocalSettingsFile SettingsFile { get; }
    public IConfigurationRoot Configuration { get; }

    /// <summary>The same services the hosts use, for commands that work on storage directly; storage is created if missing.</summary>
    public async Task<IServiceProvider> ServicesAsync(CancellationToken cancellationToken)
    {
        if (_services is not null) return _services;
        // ./run.sh starts no Azurite for a command that said it needs none: reaching for storage anyway is a bug in that
        // declaration, and saying so beats a "storage is unreachable" that points at the user's set-up.
        if (!_storageDeclared)
            throw new InvalidOperationException("this command declared that it needs no storage (CommandRunner.SetAction) but asked for it");
        var services = new ServiceCollection();
        // Logs on standard error: standard output is the command's own, for a file or a pipe.
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddRetentionPipeline(Configuration);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<RetentionStorage>().EnsureCreatedAsync(cancellationToken);
        return _services;
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        (Configuration as IDisposable)?.Dispose();
    }
}
