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

    [Fact]
    public async Task A_handler_that_outlives_its_lease_keeps_the_message_from_a_second_consumer_and_completes_once()
    {
        var lease = TimeSpan.FromSeconds(2);
        var options = QueueTriggerOptions.FromHostJson(RepositoryRoot.HostJson) with { Lease = lease };
        var starts = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Slow(string _, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref starts);
            started.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        }
        // Two hosts on one queue, as two Functions instances: the second must not be handed the message the first works on.
        var first = new QueueTriggerListener(StorageNames.OrderEventsQueue, Slow, _storage, options, NullLogger.Instance);
        var second = new QueueTriggerListener(StorageNames.OrderEventsQueue, Slow, _storage, options, NullLogger.Instance);
        var queue = _storage.Queue(StorageNames.OrderEventsQueue);
        await queue.SendMessageAsync("takes-long");

        await first.StartAsync(default);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await second.StartAsync(default);
        // Three leases long, the message must stay hidden: without renewal it would show after the first.
        var until = DateTime.UtcNow + 3 * lease;
        while (DateTime.UtcNow < until)
        {
            Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
            await Task.Delay(100);
        }
        release.SetResult();
        for (var i = 0; i < 300 && first.Completed == 0; i++) await Task.Delay(100);
        await Task.WhenAll(first.StopAsync(default), second.StopAsync(default));

        Assert.Equal(1, starts);
        Assert.Equal(1, first.Completed);
        Assert.Equal(0, second.Completed);
        Assert.True(await first.IsDrainedAsync(default));
    }

    [Fact]
    public async Task A_message_whose_consumer_vanished_comes_back_after_its_lease_and_completes_once()
    {
        var lease = TimeSpan.FromSeconds(2);
        var queue = _storage.Queue(StorageNames.SnapshotRequestsQueue);
        await queue.SendMessageAsync("orphaned");
        // A consumer that took the message and died: it neither renews nor deletes it.
        var taken = Assert.Single((await queue.ReceiveMessagesAsync(1, lease)).Value);
        Assert.Equal("orphaned", taken.MessageText);

        var handled = new ConcurrentBag<string>();
        var listener = new QueueTriggerListener(StorageNames.SnapshotRequestsQueue, (text, _) =>
        {
            handled.Add(text);
            return Task.CompletedTask;
        }, _storage, QueueTriggerOptions.FromHostJson(RepositoryRoot.HostJson) with { Lease = lease }, NullLogger.Instance);
        await listener.StartAsync(default);
        for (var i = 0; i < 300 && listener.Completed == 0; i++) await Task.Delay(100);
        await listener.StopAsync(default);

        Assert.Equal(["orphaned"], handled);
        Assert.Equal(1, listener.Completed);
        Assert.True(await listener.IsDrainedAsync(default));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("604801")]
    public async Task Serve_refuses_a_queue_lease_it_cannot_hold_in_one_readable_line(string seconds)
    {
        var settings = Path.Combine(Path.GetTempPath(), $"retention-lease-{Guid.NewGuid():N}.json");
        var result = await RetentionCli.RunAsync("serve", "--port", "0", "--no-timer", "--queue-lease", seconds,
            "--storage", _azurite.ConnectionString, "--settings", settings);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"retention: --queue-lease must be between 2 and 604800 seconds (7 days), not {seconds}", line.TrimEnd());
    }
}
