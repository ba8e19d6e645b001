using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Retention.Core.Orders;
using Retention.Core.Ledger;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;
using static Retention.Tests.Snapshots.LedgerTestOrders;
using Retention.Pipeline.Ledger;

namespace Retention.Tests.Storage;

/// <summary>
/// The nightly ledger against Azurite: rebuilt once, then folded forward with only the orders the change log
/// names, always equal to a ledger built from every stored order, and rebuilt whenever the saved one cannot be trusted.
/// </summary>
public class OrderLedgerServiceTests : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private RetentionStorage _storage = null!;
    // Files the change log by day; the bulk rule uses the storage service's own clock.
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private OrderTable _orders = null!;
    private OrderLedgerStore _store = null!;
    private OrderLedgerService _service = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _storage = RetentionStorage.FromConnectionString(_azurite.ConnectionString);
        await _storage.EnsureCreatedAsync(default);
        _orders = new OrderTable(_storage, new OrderChangeLog(_storage, _clock));
        _store = new OrderLedgerStore(_storage, NullLogger<OrderLedgerStore>.Instance);
        _service = new OrderLedgerService(_orders, _store, NullLogger<OrderLedgerService>.Instance);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private static byte[] Bytes(OrderLedger ledger)
    {
        using var stream = new MemoryStream();
        OrderLedgerFile.Write(ledger, stream);
        return stream.ToArray();
    }

    private async Task<byte[]> RebuiltFromEveryStoredOrder() =>
        Bytes(OrderLedger.Build(Shop, await _orders.ReadShopAsync(Shop.Id, default)));

    private async Task StoreAsync(IEnumerable<NormalizedOrder> orders)
    {
        foreach (var order in orders) await _orders.UpsertAsync(order, default);
    }

    private async Task<int> ChangeLogRowsAsync() =>
        await _storage.Table(StorageNames.OrderChangesTable).QueryAsync<TableEntity>(_ => true).CountAsync();

    [Fact]
    public async Task An_orders_lines_channel_codes_and_country_come_back_from_the_table_as_they_went_in()
    {
        var orders = Generate(new Random(21), 200, 50);
        // The most lines an order may hold, with the longest titles: more than one table property's 64 KiB.
        var full = orders[0] with
        {
            OrderId = "full",
            Lines = [.. Enumerable.Range(0, OrderLine.MaxPerOrder).Select(i => new OrderLine($"product-{i}", $"variant-{i}", $"SKU-{i}",
                new string((char)('a' + i % 26), OrderLine.MaxTitleLength), i + 1, i * 1.25m, i % 3))],
            DiscountCodes = ["summer", "vip"],
            Country = "AT",
        };
        await StoreAsync([.. orders, full]);

        var stored = (await _orders.ReadShopAsync(Shop.Id, default)).ToDictionary(o => o.OrderId);
        foreach (var order in orders.Append(full))
        {
            var back = stored[order.OrderId];
            Assert.Equal(order.Lines, back.Lines);
            Assert.Equal(order.Channel, back.Channel);
            Assert.Equal(order.DiscountCodes, back.DiscountCodes);
            Assert.Equal(order.Country, back.Country);
            Assert.Equal(OrderVersion.Fingerprint(order), OrderVersion.Fingerprint(back));
        }
    }

    [Fact]
    public async Task A_night_reads_only_the_orders_changed_since_the_last_and_equals_a_full_rebuild()
    {
        var random = new Random(3);
        var orders = Generate(random, 120, 40);
        await StoreAsync(orders);

        var first = await _service.LoadAsync(Shop, default);
        Assert.False(first.Incremental);
        Assert.Equal((120, 120, true), (first.Ledger.Count, first.OrdersRead, first.Saved));

        // Two days later: three revised orders, one deleted, two new. Day one's entries are still inside the
        // one-day overlap of the first night, so this night reads them again, then drops them.
        _clock.Advance(TimeSpan.FromDays(2));
        var revised = orders.Take(3).Select(o => Revise(random, o)).ToList();
        await StoreAsync(revised);
        await _orders.DeleteAsync(Shop.Id, orders[10].OrderId, default);
        await StoreAsync(Generate(random, 2, 50, idPrefix: "day3-"));
        var second = await _service.LoadAsync(Shop, default);
        Assert.True(second.Incremental);
        Assert.Equal(121, second.Ledger.Count);
        Assert.Equal(await RebuiltFromEveryStoredOrder(), Bytes(second.Ledger));
        Assert.Equal(6, await ChangeLogRowsAsync());

        // Two more days and one change: the night reads that order and, for the overlap, the six entries of the
        // last night's day; nothing of the 120 orders before, and the store keeps only today's entry.
        _clock.Advance(TimeSpan.FromDays(2));
        await StoreAsync([Revise(random, orders[50])]);
        var third = await _service.LoadAsync(Shop, default);
        Assert.True(third.Incremental);
        Assert.Equal((7, 7), (third.ChangedOrders, third.OrdersRead));
        Assert.Equal(await RebuiltFromEveryStoredOrder(), Bytes(third.Ledger));
        Assert.Equal(1, await ChangeLogRowsAsync());
    }

    [Fact]
    public async Task A_bulk_write_a_damaged_blob_or_a_new_time_zone_makes_the_night_read_every_order()
    {
        var random = new Random(4);
        await StoreAsync(Generate(random, 40, 10));
        Assert.False((await _service.LoadAsync(Shop, default)).Incremental);
        Assert.True((await _service.LoadAsync(Shop, default)).Incremental);

        // An import's table batches are not logged one by one; its bulk entry stands for them.
        var imported = Generate(random, 30, 10, idPrefix: "imported-");
        foreach (var batch in imported.GroupBy(o => OrderTable.PartitionKey(o.ShopId, o.OrderId)))
            await _orders.UpsertBatchAsync([.. batch], 1, default);
        await _orders.Changes.RecordBulkAsync(Shop.Id, default);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var afterImport = await _service.LoadAsync(Shop, default);
        Assert.False(afterImport.Incremental);
        Assert.Equal(70, afterImport.Ledger.Count);
        Assert.Equal(await RebuiltFromEveryStoredOrder(), Bytes(afterImport.Ledger));
        // The bulk entry is older than the read that took it in: the next night folds again.
        Assert.True((await _service.LoadAsync(Shop, default)).Incremental);

        var blob = _storage.Blobs.GetBlobContainerClient(StorageNames.OrderLedgersContainer).GetBlobClient(OrderLedgerStore.BlobName(Shop.Id));
        await blob.UploadAsync(new BinaryData("garbage"u8.ToArray()), overwrite: true);
        var afterDamage = await _service.LoadAsync(Shop, default);
        Assert.False(afterDamage.Incremental);
        Assert.Equal(await RebuiltFromEveryStoredOrder(), Bytes(afterDamage.Ledger));

        var moved = Shop with { TimeZoneId = "America/New_York" };
        var afterMove = await _service.LoadAsync(moved, default);
        Assert.False(afterMove.Incremental);
        Assert.Equal("America/New_York", afterMove.Ledger.TimeZoneId);
        Assert.Equal(Bytes(OrderLedger.Build(moved, await _orders.ReadShopAsync(Shop.Id, default))), Bytes(afterMove.Ledger));
    }

    [Fact]
    public async Task Of_two_nights_racing_on_one_shop_only_one_saves_and_the_saved_ledger_stays_right()
    {
        await StoreAsync(Generate(new Random(5), 20, 5));
        await _service.LoadAsync(Shop, default);
        var stale = await _store.ReadAsync(Shop.Id, default);
        await StoreAsync(Generate(new Random(6), 3, 5, idPrefix: "late-"));
        Assert.True((await _service.LoadAsync(Shop, default)).Saved);

        // A run that read the ledger before the other saved cannot overwrite it.
        Assert.False(await _store.SaveAsync(stale!.Ledger, stale.ChangesFrom, stale.ReadStartedAt, stale.ETag, default));
        Assert.Equal(23, (await _store.ReadAsync(Shop.Id, default))!.Ledger.Count);
    }
}
