using Retention.Core.Audiences;
using Retention.Core.Datasets;
using Retention.Pipeline.Audiences;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Snapshots;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using static Retention.Tests.Snapshots.LedgerTestOrders;

namespace Retention.Tests.Audiences;

/// <summary>
/// Audiences through the real night on Azurite: two nights of a shop, their membership files read back with DuckDB,
/// which computes who entered and left by itself from the two nights' files; a night run again changes nothing; the
/// stays are the shop's own.
/// </summary>
public class AudiencePipelineTests(PipelineHost pipeline) : IClassFixture<PipelineHost>, IDisposable
{
    private static readonly DateOnly Night1 = new(2025, 4, 10);
    private static readonly DateOnly Night2 = new(2025, 4, 30);
    private readonly string _folder = Directory.CreateTempSubdirectory("retention-audiences-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task StoreShopAsync(string shopId, int seed)
    {
        await pipeline.RegisterShopAsync(shopId, Shop.TimeZoneId);
        var orders = pipeline.Service<OrderTable>();
        await Parallel.ForEachAsync(Generate(new Random(seed), 1200, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (order, ct) => await orders.UpsertAsync(order with { ShopId = shopId }, ct));
        var (own, problem) = AudienceDefinition.Custom("german-regulars", ["country=DE", "orders>=2"]);
        Assert.True(own is not null, problem);
        await pipeline.Service<AudienceTable>().SaveAsync(shopId, own, default);
    }

    private static long N(object value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    private string Files(string dataset, string shopId, DateOnly night) =>
        Path.Combine(_folder, SnapshotExporter.Directory(dataset, shopId, night), SnapshotExporter.PartName + ".parquet");

    [Fact]
    public async Task Two_nights_give_members_and_the_change_between_them_that_duckdb_finds_in_the_files()
    {
        const string shopId = "audience-nights";
        await StoreShopAsync(shopId, 21);
        var snapshots = pipeline.Service<SnapshotService>();
        var first = await snapshots.ComputeAsync(shopId, Night1, default);
        var second = await snapshots.ComputeAsync(shopId, Night2, default);
        await ExportsFolder.CopyAsync(pipeline.Storage, _folder);

        Assert.Equal([.. BuiltInAudiences.All.Select(a => a.Name), "german-regulars"], second.Audiences.Audiences.Select(a => a.Audience.Name));
        var night1 = Files(NightlyDatasets.AudienceMembers.Name, shopId, Night1);
        var night2 = Files(NightlyDatasets.AudienceMembers.Name, shopId, Night2);
        var summary = Files(NightlyDatasets.Audiences.Name, shopId, Night2);

        // DuckDB's own set difference of the two nights' members, per audience, against the night's entered and left counts.
        var counts = DuckDbQuery.Rows($"""
            with a as (select audience, customer_key from read_parquet('{night1}')),
                 b as (select audience, customer_key from read_parquet('{night2}')),
                 entered as (select audience, count(*) n from (select * from b except select * from a) group by audience),
                 left_ as (select audience, count(*) n from (select * from a except select * from b) group by audience)
            select s.audience, s.members, s.entered, s.left, coalesce(e.n, 0), coalesce(l.n, 0),
                   (select count(*) from b where b.audience = s.audience)
            from read_parquet('{summary}') s left join entered e using (audience) left join left_ l using (audience)
            order by s.audience
            """);
        Assert.Equal(6, counts.Count);
        foreach (var row in counts)
        {
            Assert.Equal(N(row[1]), N(row[6]));
            Assert.Equal(N(row[4]), N(row[2]));
            Assert.Equal(N(row[5]), N(row[3]));
        }
        Assert.Contains(counts, r => N(r[2]) > 0);
        Assert.Contains(counts, r => N(r[3]) > 0);
        Assert.Contains(counts, r => (string)r[0] == "german-regulars" && N(r[1]) > 0);

        // entered_tonight and entered_on say the same as the difference: a member of both nights keeps night 1's day.
        var stayed = DuckDbQuery.Rows($"""
            select count(*) filter (where b.entered_on = date '{Night1:yyyy-MM-dd}' and b.entered_tonight is null),
                   count(*)
            from read_parquet('{night2}') b join read_parquet('{night1}') a using (audience, customer_key)
            """).Single();
        Assert.Equal(N(stayed[1]), N(stayed[0]));
        Assert.True(N(stayed[1]) > 0);

        // Arms: the holdout's, a member keeps theirs from night to night.
        var armChanged = DuckDbQuery.Rows($"""
            select count(*) from read_parquet('{night2}') b join read_parquet('{night1}') a using (audience, customer_key) where a.arm <> b.arm
            """).Single();
        Assert.Equal(0L, N(armChanged[0]));
        Assert.Equal(first.Audiences.Audiences.Sum(a => a.Members.Count), (int)N(DuckDbQuery.Rows($"select count(*) from read_parquet('{night1}')")[0][0]));
    }

    [Fact]
    public async Task A_night_run_again_reads_the_same_stays_and_writes_the_same_and_each_shop_has_its_own()
    {
        const string shopId = "audience-rerun";
        await StoreShopAsync(shopId, 22);
        await StoreShopAsync("audience-other", 23);
        var snapshots = pipeline.Service<SnapshotService>();
        var stays = pipeline.Service<AudienceStayStore>();
        await snapshots.ComputeAsync(shopId, Night1, default);
        await snapshots.ComputeAsync("audience-other", Night1, default);
        var once = await snapshots.ComputeAsync(shopId, Night2, default);
        var storedOnce = await stays.ReadAsync(shopId, Night2, default);
        var again = await snapshots.ComputeAsync(shopId, Night2, default);

        Assert.Equal(storedOnce, await stays.ReadAsync(shopId, Night2, default));
        Assert.Equal(once.Audiences.Stays, again.Audiences.Stays);
        foreach (var (a, b) in once.Audiences.Audiences.Zip(again.Audiences.Audiences))
            Assert.Equal((a.Members.Count, a.Entered.Count, a.Left.Count), (b.Members.Count, b.Entered.Count, b.Left.Count));
        Assert.Contains(once.Audiences.Audiences, a => a.Entered.Count > 0 && a.Entered.Count < a.Members.Count);

        // The other shop's stays are in its own blob, with its own customers' keys only under its own salt's holdout.
        var other = await stays.ReadAsync("audience-other", Night1, default);
        Assert.NotEmpty(other);
        Assert.Empty(await stays.ReadAsync("audience-other", Night2, default));
        Assert.DoesNotContain(storedOnce, s => s.EnteredOn != Night1 && s.EnteredOn != Night2);
    }
}
