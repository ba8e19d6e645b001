using System.Text;
using System.Text.Json;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Pipeline.Ingest;

namespace Retention.Tests.Cli;

/// <summary>
/// <c>retention poison list|replay</c> against the running local host: a message parked in the poison queue because its
/// raw event was missing is listed, the cause fixed (the raw event archived), and the replayed message is stored.
/// </summary>
public class PoisonCommandTests(PipelineHost pipeline) : IClassFixture<PipelineHost>, IDisposable
{
    private readonly string _settings = Path.Combine(Directory.CreateTempSubdirectory("retention-poison-").FullName, "local.settings.json");

    public void Dispose()
    {
        Directory.Delete(Path.GetDirectoryName(_settings)!, recursive: true);
        GC.SuppressFinalize(this);
    }

    private Task<RetentionCli.Result> Cli(params string[] arguments) =>
        RetentionCli.RunAsync([.. arguments, "--storage", pipeline.Azurite.ConnectionString, "--settings", _settings]);

    [Fact]
    public async Task A_parked_message_is_listed_and_once_its_cause_is_fixed_a_replay_stores_its_order()
    {
        await pipeline.RegisterShopAsync("poison-replay");
        var blob = RawEventArchive.BlobName("poison-replay", "generic", "late-1");
        var message = JsonSerializer.Serialize(new OrderEventMessage("poison-replay", "generic", "late-1", blob, DateTimeOffset.UtcNow), JsonSerializerOptions.Web);
        var parked = (await pipeline.Storage.Queue(StorageNames.OrderEventsQueue + StorageNames.PoisonSuffix).SendMessageAsync(message)).Value;

        var list = await Cli("poison", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("order-events-poison: 1 message", list.Output);
        Assert.Contains(parked.MessageId, list.Output);
        Assert.Contains("late-1", list.Output);

        // The cause: the raw event was never archived. Archive it, as the claim check would have.
        var body = Encoding.UTF8.GetBytes("""{"order_id":"late-1","customer":{"id":"c-9"},"ordered_at":"2025-03-01T10:00:00Z","total":"12.50"}""");
        await pipeline.Service<RawEventArchive>().StoreOnceAsync(blob, body, new Dictionary<string, string> { ["shop"] = "poison-replay" }, default);

        var replay = await Cli("poison", "replay", "--id", parked.MessageId);
        Assert.True(replay.ExitCode == 0, replay.Error);
        Assert.Contains("replayed 1 message", replay.Output);
        await pipeline.DrainAsync();

        var order = await pipeline.Service<OrderTable>().FindAsync("poison-replay", "late-1", default);
        Assert.Equal(12.50m, order?.Total);
        Assert.Contains("order-events-poison: 0 messages", (await Cli("poison", "list")).Output);
    }

    [Fact]
    public async Task Replaying_everything_moves_every_parked_message_and_mistakes_get_one_line()
    {
        var poison = pipeline.Storage.Queue(StorageNames.SnapshotRequestsQueue + StorageNames.PoisonSuffix);
        // Requests for a shop that does not exist: they fail again after the replay, but the replay itself moves them all.
        for (var i = 0; i < 3; i++) await poison.SendMessageAsync($$"""{"shop":"no-such-shop-{{i}}","asOf":"2025-01-01"}""");
        var target = pipeline.Storage.Queue(StorageNames.SnapshotRequestsQueue);

        var replay = await Cli("poison", "replay", "--queue", "snapshot-requests", "--all");
        Assert.True(replay.ExitCode == 0, replay.Error);
        Assert.Contains("replayed 3 messages", replay.Output);

        foreach (var mistake in new[] { new[] { "poison", "replay" }, ["poison", "list", "--queue", "nope"], ["poison", "replay", "--id", "missing-id"] })
        {
            var result = await Cli(mistake);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Single(result.Error.Trim().Split('\n'));
        }
        await target.ClearMessagesAsync();
    }
}
