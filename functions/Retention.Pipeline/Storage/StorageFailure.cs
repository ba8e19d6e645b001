using System.Net.Sockets;
using Azure;

namespace Retention.Pipeline.Storage;

/// <summary>
/// Tells a storage outage (worth a 503 and a retry by the sender) from a bug. The Azure SDK reports an
/// unreachable endpoint as RequestFailedException with status 0, or as an AggregateException once its
/// own retries are spent.
/// </summary>
public static class StorageFailure
{
    public static bool IsUnavailable(Exception exception, CancellationToken requestAborted = default) => exception switch
    {
        RequestFailedException e => e.Status is 0 or 408 or 429 or >= 500,
        AggregateException e => e.InnerExceptions.Count > 0 && e.InnerExceptions.All(inner => IsUnavailable(inner, requestAborted)),
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        _ => false,
    };
}
