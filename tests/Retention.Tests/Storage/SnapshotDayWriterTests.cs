using Azure.Data.Tables;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using Retention.Pipeline.Snapshots;

namespace Retention.Tests.Storage;

public class SnapshotDayWriterTests : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private RetentionStorage _storage = null!;
    private const string Table = "celltest";

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _storage = RetentionStorage.FromConnectionString(_azurite.ConnectionString);
        await _storage.Tables.CreateTableIfNotExistsAsync(Table);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private static List<TableEntity> Rows(string shop, DateOnly day, IEnumerable<int> cells, string value) =>
        [.. cells.Select(i => new TableEntity(SnapshotDayWriter.PartitionKey(shop, day), $"cell-{i:D4}") { ["Value"] = value })];

    [Fact]
    public async Task Writing_a_day_again_replaces_exactly_that_day_and_nothing_else()
    {
        var writer = new SnapshotDayWriter(_storage);
        var day = new DateOnly(2025, 3, 10);
        await writer.ReplaceDayAsync(Table, "shop-a", day, "run-1", Rows("shop-a", day, Enumerable.Range(0, 250), "first"), default);
        await writer.ReplaceDayAsync(Table, "shop-a", day.AddDays(-1), "run-1", Rows("shop-a", day.AddDays(-1), Enumerable.Range(0, 30), "yesterday"), default);
        await writer.ReplaceDayAsync(Table, "shop-b", day, "run-1", Rows("shop-b", day, Enumerable.Range(0, 30), "other shop"), default);

        Assert.Equal(120, await writer.ReplaceDayAsync(Table, "shop-a", day, "run-2", Rows("shop-a", day, Enumerable.Range(200, 120), "second"), default));

        var rows = await writer.ReadDayAsync(Table, "shop-a", day, default);
        Assert.Equal(Enumerable.Range(200, 120).Select(i => $"cell-{i:D4}"), rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(("second", "run-2"), (r.GetString("Value"), r.GetString(SnapshotDayWriter.RunIdProperty))));
        Assert.Equal(30, (await writer.ReadDayAsync(Table, "shop-a", day.AddDays(-1), default)).Count);
        Assert.All(await writer.ReadDayAsync(Table, "shop-b", day, default), r => Assert.Equal("other shop", r.GetString("Value")));
    }

    [Fact]
    public async Task Rows_outside_the_day_or_repeated_keys_are_refused_before_anything_is_written()
    {
        var writer = new SnapshotDayWriter(_storage);
        var day = new DateOnly(2025, 3, 10);
        var wrongDay = Rows("shop-c", day, [1], "x").Concat(Rows("shop-c", day.AddDays(1), [2], "x")).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => writer.ReplaceDayAsync(Table, "shop-c", day, "run-1", wrongDay, default));
        var repeated = Rows("shop-c", day, [1, 1], "x");
        await Assert.ThrowsAsync<ArgumentException>(() => writer.ReplaceDayAsync(Table, "shop-c", day, "run-1", repeated, default));
        Assert.Empty(await writer.ReadDayAsync(Table, "shop-c", day, default));
    }
}
