using Retention.Core.Orders;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Import;

/// <summary>
/// Writes a stream of orders as table transactions: one buffer per partition key, sent as a batch when it holds
/// <see cref="OrderTable.MaxBatchSize"/> orders, a few batches in flight at once. Full batches need rows to wait
/// in their buffer, so rows are not stored in file order; <see cref="Watermark"/> says up to which row all are.
/// Driven by one caller at a time (the import loop); only the batches themselves run concurrently.
/// </summary>
internal sealed class OrderBatchWriter(OrderTable table, int concurrency, ImportProgress progress)
{
    private readonly Dictionary<string, List<(long Index, NormalizedOrder Order)>> _buffers = new(StringComparer.Ordinal);
    private readonly List<(long FirstIndex, Task Task)> _inFlight = [];

    public async Task AddAsync(long index, NormalizedOrder order, CancellationToken cancellationToken)
    {
        var key = OrderTable.PartitionKey(order.ShopId, order.OrderId);
        if (!_buffers.TryGetValue(key, out var buffer)) _buffers[key] = buffer = new List<(long, NormalizedOrder)>(OrderTable.MaxBatchSize);
        buffer.Add((index, order));
        if (buffer.Count < OrderTable.MaxBatchSize) return;
        _buffers.Remove(key);
        await SendAsync(buffer, cancellationToken);
    }

    /// <summary>Sends what the buffers still hold and waits for every batch.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var buffer in _buffers.Values.ToList()) await SendAsync(buffer, cancellationToken);
        _buffers.Clear();
        await Task.WhenAll(_inFlight.Select(b => b.Task));
        _inFlight.Clear();
    }

    /// <summary>After a failure: lets the batches already sent finish (or fail) before the import gives up, so none outlives it.</summary>
    public async Task AbandonAsync()
    {
        try
        {
            await Task.WhenAll(_inFlight.Select(b => b.Task));
        }
        catch (Exception)
        {
            // The first failure is already on its way to the caller; these add nothing to it.
        }
        _inFlight.Clear();
        _buffers.Clear();
    }

    /// <summary>
    /// The index below which every row given so far is stored: the first row still in a buffer or in a batch
    /// not yet answered, or <paramref name="nextIndex"/> when there is none. Rows never given (skipped ones)
    /// count as done.
    /// </summary>
    public long Watermark(long nextIndex)
    {
        Prune();
        var lowest = nextIndex;
        foreach (var buffer in _buffers.Values) lowest = Math.Min(lowest, buffer[0].Index);
        foreach (var (firstIndex, _) in _inFlight) lowest = Math.Min(lowest, firstIndex);
        return lowest;
    }

    private async Task SendAsync(List<(long Index, NormalizedOrder Order)> rows, CancellationToken cancellationToken)
    {
        while (_inFlight.Count >= concurrency)
        {
            await Task.WhenAny(_inFlight.Select(b => b.Task));
            Prune();
        }
        _inFlight.Add((rows[0].Index, StoreAsync(rows, cancellationToken)));
    }

    private async Task StoreAsync(List<(long Index, NormalizedOrder Order)> rows, CancellationToken cancellationToken)
    {
        // A conflicting batch falls back to one upsert per order; a few at once keep it from being the slow tail.
        var results = await table.UpsertBatchAsync([.. rows.Select(r => r.Order)], fallbackConcurrency: 8, cancellationToken);
        progress.AddInserted(results.Count(r => r == OrderUpsertResult.Inserted));
        progress.AddReplaced(results.Count(r => r == OrderUpsertResult.Replaced));
        progress.AddUnchanged(results.Count(r => r == OrderUpsertResult.KeptNewer));
    }

    /// <summary>Forgets finished batches; a failed one ends the import here, with its own exception.</summary>
    private void Prune()
    {
        for (var i = _inFlight.Count - 1; i >= 0; i--)
        {
            var task = _inFlight[i].Task;
            if (!task.IsCompleted) continue;
            task.GetAwaiter().GetResult();
            _inFlight.RemoveAt(i);
        }
    }
}
