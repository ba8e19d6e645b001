using Azure;
using Azure.Data.Tables;
using Retention.Core.Audiences;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Audiences;

/// <summary>
/// The <c>audiences</c> table: a shop's own audiences, PartitionKey = shop, RowKey = the audience's name, its conditions
/// as written (one per line, re-read through <see cref="AudienceCondition.Parse"/>, so a row can never hold a filter the
/// command line would refuse). The built-in audiences are not stored: every shop has them.
/// </summary>
public sealed class AudienceTable(RetentionStorage storage)
{
    private TableClient Table => storage.Table(StorageNames.AudiencesTable);

    public async Task SaveAsync(string shopId, AudienceDefinition audience, CancellationToken cancellationToken)
    {
        if (audience.BuiltIn) throw new ArgumentException($"'{audience.Name}' is built in: it is not stored");
        await Table.UpsertEntityAsync(new TableEntity(shopId, audience.Name)
        {
            ["Conditions"] = string.Join("\n", audience.Conditions.Select(c => c.ToString())),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <returns>true when the shop had an audience of that name.</returns>
    public async Task<bool> RemoveAsync(string shopId, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await Table.DeleteEntityAsync(shopId, name, ETag.All, cancellationToken)).Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>The built-in audiences, then the shop's own in name order.</summary>
    public async Task<IReadOnlyList<AudienceDefinition>> ReadAsync(string shopId, CancellationToken cancellationToken)
    {
        var own = new List<AudienceDefinition>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, cancellationToken: cancellationToken))
        {
            var conditions = (row.GetString("Conditions") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var (audience, problem) = AudienceDefinition.Custom(row.RowKey, conditions);
            own.Add(audience ?? throw new InvalidDataException($"audience '{row.RowKey}' of shop {shopId} is stored with a bad filter: {problem}"));
        }
        return [.. BuiltInAudiences.All, .. own.OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    /// <summary>Removes every audience of the shop (its erasure).</summary>
    public async Task<int> RemoveShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == shopId, select: ["PartitionKey", "RowKey"],
                           cancellationToken: cancellationToken))
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            removed++;
        }
        return removed;
    }
}
