using Retention.Pipeline.Hosting;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>retention status</c> on a storage of its own with no host running, so nothing takes a message off a queue: a fresh
/// storage, a message waiting and one parked in a poison queue, <c>--shop</c> and an unknown shop.
/// </summary>
public sealed class StatusCommandTests : CliAgainstAzurite
{
    private async Task<(int ExitCode, StatusOutput Output)> StatusAsync(params string[] options)
    {
        var result = await Run(["status", .. options]);
        Assert.True(result.Error.Length == 0, result.Error);
        return (result.ExitCode, new StatusOutput(result.Output));
    }

    private async Task AddShopAsync(string shop) =>
        Assert.Equal(0, (await Run("shops", "add", "--shop", shop, "--timezone", "Europe/Berlin", "--currency", "EUR")).ExitCode);

    [Fact]
    public async Task A_fresh_storage_shows_every_queue_empty_and_a_new_shop_with_no_delivery_and_no_night_yet()
    {
        var (exitCode, status) = await StatusAsync();
        Assert.Equal(0, exitCode);
        // Every queue a trigger reads, from the hosts' one table of functions, and every queue of the storage names.
        var queues = FunctionBindings.All.Where(b => b.Queue is not null).Select(b => b.Queue!).Union(StorageNames.Queues).ToList();
        Assert.Equal(3, queues.Count);
        foreach (var queue in queues) Assert.Equal((0, 0, "-"), status.Queue(queue));
        Assert.Contains("no shop is registered", status.Text);
        Assert.Equal("healthy", status.Verdict);

        await AddShopAsync("fresh-shop");
        (exitCode, status) = await StatusAsync();
        Assert.Equal(0, exitCode);
        Assert.Equal(["last delivery  no delivery yet", "last night     no night yet"], status.Shop("fresh-shop"));
        Assert.DoesNotContain("no shop is registered", status.Text);
        Assert.Equal("healthy", status.Verdict);
    }

    [Fact]
    public async Task A_waiting_message_shows_its_queue_depth_and_age_and_a_parked_one_the_poison_count_and_exit_3_until_it_is_gone()
    {
        var storage = RetentionStorage.FromConnectionString(Storage.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await storage.Queue(StorageNames.OrderEventsQueue).SendMessageAsync("""{"shop":"s","batch":"s/intake/x","events":1,"receivedAt":"2025-01-01T00:00:00Z"}""");
        var after = DateTimeOffset.UtcNow;

        var (exitCode, status) = await StatusAsync();
        Assert.Equal(0, exitCode); // work waiting on a queue is not a fault
        var (depth, poison, oldest) = status.Queue(StorageNames.OrderEventsQueue);
        Assert.Equal((1, 0), (depth, poison));
        Assert.InRange(StatusOutput.Time(oldest[..20]), before, after);
        Assert.EndsWith(" ago)", oldest);
        Assert.Equal((0, 0, "-"), status.Queue(StorageNames.SnapshotRequestsQueue));

        var poisonQueue = storage.Queue(StorageNames.SnapshotRequestsQueue + StorageNames.PoisonSuffix);
        await poisonQueue.SendMessageAsync("""{"shop":"gone-shop","asOf":"2025-01-01"}""");
        await poisonQueue.SendMessageAsync("""{"shop":"gone-shop","asOf":"2025-01-02"}""");
        (exitCode, status) = await StatusAsync();
        Assert.Equal(3, exitCode);
        Assert.Equal((0, 2), (status.Queue(StorageNames.SnapshotRequestsQueue).Depth, status.Queue(StorageNames.SnapshotRequestsQueue).Poison));
        Assert.Equal(0, status.Queue(StorageNames.OrderEventsQueue).Poison);
        Assert.Equal("needs attention: 2 messages in snapshot-requests-poison ('retention poison list --queue snapshot-requests')", status.Verdict);

        await poisonQueue.ClearMessagesAsync();
        (exitCode, status) = await StatusAsync();
        Assert.Equal(0, exitCode);
        Assert.Equal(0, status.Queue(StorageNames.SnapshotRequestsQueue).Poison);
        Assert.Equal("healthy", status.Verdict);
    }

    [Fact]
    public async Task Shop_shows_that_shop_only_beside_every_queue_and_an_unknown_shop_is_one_line_and_exit_2()
    {
        await AddShopAsync("filter-a");
        await AddShopAsync("filter-b");

        var (_, all) = await StatusAsync();
        Assert.True(all.ShowsShop("filter-a") && all.ShowsShop("filter-b"), all.Text);

        var (exitCode, one) = await StatusAsync("--shop", "filter-b");
        Assert.Equal(0, exitCode);
        Assert.True(one.ShowsShop("filter-b"), one.Text);
        Assert.False(one.ShowsShop("filter-a"), one.Text);
        foreach (var queue in StorageNames.Queues) Assert.Equal(0, one.Queue(queue).Depth);

        var unknown = await Run("status", "--shop", "no-such-shop");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("", unknown.Output);
        var line = Assert.Single(unknown.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("retention: no shop 'no-such-shop' is registered ('retention shops list' lists them)", line);
    }
}
