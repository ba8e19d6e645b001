using Retention.Core.Feedback;
using Retention.Core.Orders;
using Retention.Core.Simulation;
using Retention.Pipeline.Feedback;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Core.Generic;

namespace Retention.Tests.Faults;

/// <summary>
/// The local pipeline with one synthetic history (orders with their revisions, and survey answers) that any number
/// of shops can be given, identical to the last customer key, and one shop that holds it and had its night run
/// uninterrupted: the twin every interrupted night is compared with.
/// </summary>
public sealed class NightlyKillShops : IAsyncLifetime
{
    public static readonly DateOnly AsOf = new(2025, 12, 31);
    public const string Twin = "kill-twin";

    /// <summary>
    /// Enough customers and days that a night's writes (about 1,800 dataset rows, 29 export files) take long enough to
    /// interrupt at a chosen point, and no more. One year: each further year adds cohort rows by the square. This seed
    /// fits in a fraction of a second (some seeds keep the Pareto/NBD fit busy for half a minute).
    /// </summary>
    private static readonly SyntheticShopOptions History = new(1_500, new DateOnly(2025, 1, 1), AsOf, Seed: 9);

    private IReadOnlyList<NormalizedOrder> _orders = [];
    private IReadOnlyList<FeedbackResponse> _answers = [];

    public PipelineHost Pipeline { get; } = new();

    public async Task InitializeAsync()
    {
        await Pipeline.InitializeAsync();
        // Normalized once, with one salt, so every shop given the history has the same guest keys: only the shop id differs.
        var context = new ShopContext("history", "EUR", Salt);
        _orders = [.. SyntheticShopHistory.Generate(History).Select(d => GenericOrderNormalizer.Normalize(d.Body, context, d.EventId).Order!)];
        _answers = [.. SyntheticFeedback.Generate(History).Select(d => FeedbackNormalizer.Normalize(d.Body, context, d.EventId).Response!)];
        await GiveHistoryAsync(Twin);
        await Pipeline.Service<Retention.Pipeline.Snapshots.SnapshotService>().ComputeAsync(Twin, AsOf, default);
    }

    public Task DisposeAsync() => Pipeline.DisposeAsync();

    private const string Salt = "nightly-kill-salt";

    /// <summary>Registers the shop and stores the history as its own, as the webhooks would have left it.</summary>
    public async Task GiveHistoryAsync(string shop)
    {
        await Pipeline.RegisterShopAsync(shop);
        // The salt the history's guests were keyed with: also the audiences' holdout key, so every shop given the history
        // puts the same customers in the same arms, and two shops' nights compare row for row.
        Pipeline.Settings.Write(new Dictionary<string, string>
        {
            [Retention.Pipeline.SettingNames.AsAppSetting(Retention.Pipeline.SettingNames.ShopSetting(shop, Retention.Pipeline.SettingNames.CustomerIdSalt))] = Salt,
        });
        var credentials = Pipeline.Service<Retention.Pipeline.Shops.ShopCredentialStore>();
        for (var i = 0; i < 200 && credentials.Find(shop)?.CustomerIdSalt != Salt; i++) await Task.Delay(25);
        Assert.Equal(Salt, credentials.Find(shop)?.CustomerIdSalt);
        var table = Pipeline.Service<OrderTable>();
        // Each order's first version in batches (an import's path), then its revisions one by one through the version rule.
        var versions = _orders.Select(o => o with { ShopId = shop }).GroupBy(o => o.OrderId).ToList();
        await table.Changes.RecordBulkAsync(shop, default);
        var batches = versions.Select(v => v.First()).GroupBy(o => OrderTable.PartitionKey(shop, o.OrderId)).SelectMany(p => p.Chunk(OrderTable.MaxBatchSize));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (batch, ct) => await table.UpsertBatchAsync(batch, 4, ct));
        await Parallel.ForEachAsync(versions.Where(v => v.Count() > 1), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, ct) =>
        {
            foreach (var revision in order.Skip(1)) await table.UpsertAsync(revision, ct);
        });
        var feedback = Pipeline.Service<FeedbackTable>();
        await Parallel.ForEachAsync(_answers, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (answer, ct) => await feedback.UpsertAsync(answer with { ShopId = shop }, ct));
    }
}
