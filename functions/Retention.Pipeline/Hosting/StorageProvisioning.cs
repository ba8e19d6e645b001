using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Hosting;

/// <summary>
/// Creates the pipeline's queues, tables and containers when the Functions app starts (<see cref="RetentionStorage.EnsureCreatedAsync"/>),
/// so <c>func start</c> on a fresh Azurite is healthy at once. Idempotent and cheap (one request per name). In Azure the
/// templates create them and the app's identity may not: a 403 is expected there and only noted; any other failure is
/// logged and the app starts anyway, its health endpoint saying what is missing.
/// </summary>
public sealed partial class StorageProvisioning(RetentionStorage storage, ILogger<StorageProvisioning> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            LogNotAllowed(logger);
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e, cancellationToken) || e is RequestFailedException)
        {
            LogFailed(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage names not created at start: the identity may not create them (the templates did)")]
    private static partial void LogNotAllowed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage names could not be created at start; /api/health says what is missing")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
