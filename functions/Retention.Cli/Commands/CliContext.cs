using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Retention.Cli.Settings;
using Retention.Pipeline;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Commands;

/// <summary>What a command needs from its parse result: settings, configuration and the pipeline's services.</summary>
public sealed class CliContext : IAsyncDisposable
{
    private ServiceProvider? _services;

    public CliContext(ParseResult parse)
    {
        SettingsFile = LocalSettingsFile.Resolve(parse.GetValue(GlobalOptions.Settings));
        Configuration = RetentionConfiguration.Build(SettingsFile, parse.GetValue(GlobalOptions.Storage));
    }

    public LocalSettingsFile SettingsFile { get; }
    public IConfigurationRoot Configuration { get; }

    /// <summary>The same services the hosts use, for commands that work on storage directly; storage is created if missing.</summary>
    public async Task<IServiceProvider> ServicesAsync(CancellationToken cancellationToken)
    {
        if (_services is not null) return _services;
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
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
