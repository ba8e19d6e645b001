using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using Retention.Core.Metrics;
using Retention.Core.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Shops;

/// <summary>
/// The registered shops, one row each in the <c>shops</c> table. Webhooks look their shop up on every
/// request, so found shops are cached briefly; unknown ones are not, so a shop registered a moment ago works.
/// </summary>
public sealed class ShopDirectory(RetentionStorage storage, IMemoryCache cache)
{
    private const string Partition = "shop";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private TableClient Table => storage.Table(StorageNames.ShopsTable);

    public async Task SaveAsync(Shop shop, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, shop.Id)
        {
            ["TimeZone"] = shop.TimeZoneId,
            ["Currency"] = shop.Currency,
            ["RegisteredAt"] = shop.RegisteredAt,
            ["ChurnDays"] = shop.Settings?.ChurnDays,
            // Invariant text: a margin rate is a decimal, and Table storage would round-trip it through a double.
            ["GrossMarginRate"] = shop.Settings?.GrossMarginRate?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HoldoutShare"] = shop.Settings?.HoldoutShare?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MonthlyDiscountRate"] = shop.Settings?.MonthlyDiscountRate?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ControlShare"] = shop.Settings?.ControlShare?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        cache.Remove(CacheKey(shop.Id));
    }

    /// <summary>
    /// Removes the shop's row (its erasure), so the nightly job stops computing it and its webhooks are refused.
    /// Other instances may serve the cached row for up to 30 seconds more.
    /// </summary>
    /// <returns>true when a row was deleted.</returns>
    public async Task<bool> DeleteAsync(string shopId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.DeleteEntityAsync(Partition, shopId, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        finally
        {
            cache.Remove(CacheKey(shopId));
        }
    }

    public async Task<Shop?> FindAsync(string shopId, CancellationToken cancellationToken)
    {
        if (!ShopId.IsValid(shopId)) return null;
        if (cache.TryGetValue(CacheKey(shopId), out Shop? cached)) return cached;
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, shopId, cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var shop = FromEntity(response.Value!);
        cache.Set(CacheKey(shopId), shop, CacheFor);
        return shop;
    }

    public async Task<IReadOnlyList<Shop>> ListAsync(CancellationToken cancellationToken)
    {
        var shops = new List<Shop>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
            shops.Add(FromEntity(entity));
        return shops;
    }

    private static Shop FromEntity(TableEntity entity)
    {
        var churnDays = entity.GetInt32("ChurnDays");
        decimal? Rate(string column) => entity.GetString(column) is { Length: > 0 } text
            ? decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        var settings = new RetentionSettings(churnDays, Rate("GrossMarginRate"), Rate("HoldoutShare"), Rate("MonthlyDiscountRate"), Rate("ControlShare"));
        return new Shop(
            entity.RowKey,
            entity.GetString("TimeZone"),
            entity.GetString("Currency"),
            entity.GetDateTimeOffset("RegisteredAt") ?? DateTimeOffset.UnixEpoch,
            settings == RetentionSettings.Default ? null : settings);
    }

    private static string CacheKey(string shopId) => "shop:" + shopId;
}
