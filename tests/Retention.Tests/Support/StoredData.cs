using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Retention.Pipeline.Exports;
using Retention.Pipeline.Storage;

namespace Retention.Tests.Support;

/// <summary>
/// Everything the pipeline stored, searched as text: every row of every table the code names (keys and values), and
/// every blob of every container (name, metadata and content). How the privacy tests prove that nothing mentions an
/// erased customer or shop, without trusting the code under test to say where it put things.
/// </summary>
public static class StoredData
{
    /// <returns>one line per place a needle occurs: "table/partition/row: property" or "container/blob: part".</returns>
    public static async Task<List<string>> MentionsAsync(RetentionStorage storage, params string[] needles)
    {
        var found = new List<string>();
        bool Mentions(string? text) => text is not null && needles.Any(n => Occurs(n, text));

        foreach (var table in StorageNames.Tables)
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>())
                foreach (var (name, value) in row)
                    if (Mentions(Convert.ToString(value, CultureInfo.InvariantCulture)))
                        found.Add($"{table}/{row.PartitionKey}/{row.RowKey}: {name}");

        foreach (var container in StorageNames.Containers)
        {
            var client = storage.Blobs.GetBlobContainerClient(container);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, null, default))
            {
                if (Mentions(blob.Name)) found.Add($"{container}/{blob.Name}: name");
                foreach (var (name, value) in blob.Metadata)
                    if (Mentions(value)) found.Add($"{container}/{blob.Name}: metadata {name}");
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
                // An intake batch holds its events' bodies as base64: read as text they would hide what they say, and a
                // short needle ("Bob") turns up in base64 by chance (it did, once in four runs). So each event is read
                // as what it is: its envelope and its decoded body.
                if (container == StorageNames.RawEventsContainer && IntakeBatchFile.IsIntakeBatch(blob.Name))
                {
                    foreach (var e in IntakeBatchFile.Read(content.ToMemory()))
                        if (Mentions(System.Text.Encoding.UTF8.GetString(e.Body))) found.Add($"{container}/{blob.Name}: body of {e.EventId}");
                    var envelope = System.Text.Json.Nodes.JsonNode.Parse(content.ToString())!;
                    foreach (var e in envelope["events"]!.AsArray()) e!.AsObject().Remove("body");
                    if (Mentions(envelope.ToJsonString())) found.Add($"{container}/{blob.Name}: content less the bodies");
                    continue;
                }
                if (Mentions(content.ToString())) found.Add($"{container}/{blob.Name}: content");
                // A gzip'd blob (the audiences' stays) says what it holds only once inflated.
                if (blob.Name.EndsWith(".gz", StringComparison.Ordinal) && Mentions(Inflated(content))) found.Add($"{container}/{blob.Name}: inflated content");
            }
        }
        return found;
    }

    /// <summary>
    /// A needle with letters is found anywhere, ignoring case. A number (a zip code, a phone, a coordinate) is found only
    /// as a token of its own: "40202" inside a blob's time "…T064020212" or a hex hash is not the zip code, and such
    /// chance hits made a privacy test fail once in several runs without anything personal being stored.
    /// </summary>
    private static bool Occurs(string needle, string text)
    {
        if (needle.Any(char.IsLetter)) return text.Contains(needle, StringComparison.OrdinalIgnoreCase);
        for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            var end = at + needle.Length;
            var openBefore = at == 0 || !char.IsLetterOrDigit(text[at - 1]) || !char.IsLetterOrDigit(needle[0]);
            var openAfter = end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(needle[^1]);
            if (openBefore && openAfter) return true;
        }
        return false;
    }

    private static string Inflated(BinaryData content)
    {
        using var gzip = new System.IO.Compression.GZipStream(content.ToStream(), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    /// <summary>How many rows of each table, and blobs of each container, belong to the shop (by key prefix).</summary>
    public static async Task<Dictionary<string, int>> CountShopAsync(RetentionStorage storage, string shopId)
    {
        var counts = new Dictionary<string, int>();
        foreach (var table in StorageNames.Tables)
        {
            var n = 0;
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                if (BelongsTo(row.PartitionKey, shopId) || (table == StorageNames.ShopsTable && row.RowKey == shopId)) n++;
            counts[table] = n;
        }
        foreach (var container in StorageNames.Containers)
        {
            var n = 0;
            // The exports are Hive-partitioned ({dataset}/shop={id}/…); every other container keeps a shop under "{id}/".
            var prefixes = container == StorageNames.ExportsContainer ? SnapshotExporter.ShopPrefixes(shopId) : [shopId + "/"];
            foreach (var prefix in prefixes)
                await foreach (var _ in storage.Blobs.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, default)) n++;
            counts[container] = n;
        }
        return counts;
    }

    /// <summary>A shop's partitions are its id, or start with "{id}:" (orders' buckets, snapshot datasets' days).</summary>
    private static bool BelongsTo(string partitionKey, string shopId) =>
        partitionKey == shopId || partitionKey.StartsWith(shopId + ":", StringComparison.Ordinal);
}
