using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Retention.Pipeline.Storage;

namespace Retention.Cli.Bench;

/// <summary>
/// Counts the HTTP requests this process sends to each storage service while it is alive, from .NET's own
/// <c>System.Net.Http</c> metrics (by server port), so a scenario can say how many storage round trips one order
/// costs without touching the pipeline's code. Meaningful only where each service has a port of its own, as Azurite's do.
/// </summary>
public sealed class StorageRequestCount : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byService = new();
    private readonly IReadOnlyDictionary<int, string> _services;

    public StorageRequestCount(RetentionStorage storage)
    {
        _services = new Dictionary<int, string>
        {
            [storage.Blobs.Uri.Port] = "blob",
            [storage.Queues.Uri.Port] = "queue",
            [storage.Tables.Uri.Port] = "table",
        };
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Meter.Name: "System.Net.Http", Name: "http.client.request.duration" }) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "server.port", Value: int port } && _services.TryGetValue(port, out var service))
                    _byService.AddOrUpdate(service, 1, (_, n) => n + 1);
        });
        _listener.Start();
    }

    /// <summary>Requests so far, by service (blob, queue, table).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => _services.Values.Distinct().ToDictionary(s => s, s => _byService.GetValueOrDefault(s));

    public void Dispose() => _listener.Dispose();
}
