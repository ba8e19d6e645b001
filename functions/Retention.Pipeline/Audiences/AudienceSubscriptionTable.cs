using Azure;
using Azure.Data.Tables;
using Retention.Core.Audiences.Delivery;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Audiences;

/// <summary>
/// The <c>audiencesubscriptions</c> table: PartitionKey = shop, RowKey = subscription id; the endpoint, the audiences it
/// receives (empty for all), whether control members go too, and why it was cancelled. No secret: each subscription's
/// is derived from the shop's (<see cref="AudienceSubscriptionSecret"/>).
/// </summary>
public sealed class AudienceSubscriptionTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.AudienceSubscriptionsTable);

    public Task SaveAsync(AudienceSubscription subscription, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(subscription.ShopId, subscription.Id)
        {
            ["Url"] = subscription.Url.AbsoluteUri,
            ["Audiences"] = string.Join(',', subscription.Audiences),
            ["IncludeControl"] = subscription.IncludeControl,
            ["CreatedAt"] = subscription.CreatedAt,
            ["CancelledBecause"] = subscription.CancelledBecause,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<AudienceSubscription?> FindAsync(string shopId, string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(shopId, id, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>The shop's subscriptions, cancelled ones included, oldest first.</summary>
    public async Task<IReadOnlyList<AudienceSubscription>> ReadAsync(string shopId, CancellationToken cancellationToken)
    {
        var subscriptions = new List<AudienceSubscription>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
            subscriptions.Add(FromEntity(row));
        return [.. subscriptions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<bool> CancelAsync(string shopId, string id, string because, CancellationToken cancellationToken)
    {
        if (await FindAsync(shopId, id, cancellationToken) is not { Active: true } subscription) return false;
        await SaveAsync(subscription with { CancelledBecause = because }, cancellationToken);
        return true;
    }

    public async Task<int> RemoveShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var subscription in await ReadAsync(shopId, cancellationToken))
        {
            await Table.DeleteEntityAsync(shopId, subscription.Id, ETag.All, cancellationToken);
            removed++;
        }
        return removed;
    }

    private static AudienceSubscription FromEntity(TableEntity row) => new(row.PartitionKey, row.RowKey, new Uri(row.GetString("Url")),
        (row.GetString("Audiences") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), row.GetBoolean("IncludeControl") ?? false,
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch, row.GetString("CancelledBecause") is { Length: > 0 } why ? why : null);
}
