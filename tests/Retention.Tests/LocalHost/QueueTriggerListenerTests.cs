using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Retention.Cli.LocalHost;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.LocalHost;

/// <summary>The local queue trigger against a real Azurite queue, with handlers that fail on purpose.</summary>
public class QueueTriggerListenerTests : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private RetentionStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _storage = RetentionStorage.FromConnectionString(_azurite.ConnectionString);
        await _storage.EnsureCreatedAsync(default);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_message_that_always_fails_moves_to_poison_after_five_dequeues_while_the_rest_flow()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var handled = new ConcurrentBag<string>();
        var options = QueueTriggerOptions.FromHostJson(RepositoryRoot.HostJson) with { VisibilityTimeout = TimeSpan.Zero };
        var listener = new QueueTriggerListener(StorageNames.OrderEventsQueue, (text, _) =>
        {
            attempts.AddOrUpdate(text, 1, (_, n) => n + 1);
            if (text == "always-fails") throw new InvalidOperationException("this message cannot be processed");
            handled.Add(text);
            return Task.CompletedTask;
        }, _storage, options, NullLogger.Instance);

        var queue = _storage.Queue(StorageNames.OrderEventsQueue);
        await queue.SendMessageAsync("always-fails");
        for (var i = 0; i < 20; i++) await queue.SendMessageAsync($"ok-{i}");

        await listener.StartAsync(default);
        for (var i = 0; i < 300 && !await listener.IsDrainedAsync(default); i++) await Task.Delay(100);
        await listener.StopAsync(default);

        Assert.Equal(5, attempts["always-fails"]);
        Assert.Equal(20, handled.Count);
        Assert.All(handled, h => Assert.Equal(1, attempts[h]));
        var poison = (await _storage.Queue(StorageNames.OrderEventsQueue + StorageNames.PoisonSuffix).ReceiveMessagesAsync(32)).Value;
        Assert.Equal(["always-fails"], poison.Select(m => m.MessageText));
        Assert.Equal(1, listener.Poisoned);
    }

    [Fact]
    public async Task A_message_that_fails_once_is_retried_and_then_completes()
    {
        var attempts = 0;
        var listener = new QueueTriggerListener(StorageNames.SnapshotRequestsQueue, (_, _) =>
            Interlocked.Increment(ref attempts) == 1 ? throw new TimeoutException("transient") : Task.CompletedTask,
            _storage, QueueTriggerOptions.FromHostJson(RepositoryRoot.HostJson) with { VisibilityTimeout = TimeSpan.Zero }, NullLogger.Instance);
        await _storage.Queue(StorageNames.SnapshotRequestsQueue).SendMessageAsync("flaky");

        await listener.StartAsync(default);
        for (var i = 0; i < 300 && listener.Completed == 0; i++) await Task.Delay(100);
        await listener.StopAsync(default);

        Assert.Equal(2, attempts);
        Assert.Equal(1, listener.Completed);
        Assert.Equal(0, listener.Poisoned);
    }
}
