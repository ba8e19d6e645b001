using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Retention.Core.Audiences;
using Retention.Pipeline.Storage;

namespace Retention.Pipeline.Audiences;

/// <summary>
/// The <c>audience-stays</c> container: a shop's audience stays (<see cref="AudienceStay"/>) as they stood after each
/// night, one gzip'd JSON-lines blob per night, <c>{shop}/{yyyy-MM-dd}.stays.json.gz</c>, each line
/// <c>["audience","customer key","entered","left or null"]</c>. A night reads the newest blob before its day and writes
/// its own, so running a night again reads the same stays and writes the same blob; the newest
/// <see cref="NightsKept"/> are kept so a night of the past week can be run again. One blob a night is the commit: no
/// reader meets half a night.
/// </summary>
public sealed class AudienceStayStore(RetentionStorage storage)
{
    public const int NightsKept = 8;
    private const string Suffix = ".stays.json.gz";

    private BlobContainerClient Container => storage.Blobs.GetBlobContainerClient(StorageNames.AudienceStaysContainer);

    public static string BlobName(string shopId, DateOnly night) => $"{shopId}/{night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{Suffix}";

    /// <summary>The stays after the newest night before <paramref name="asOf"/>; none for a shop's first night.</summary>
    public async Task<IReadOnlyList<AudienceStay>> ReadBeforeAsync(string shopId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var nights = await NightsAsync(shopId, cancellationToken);
        var before = nights.Where(n => n < asOf).DefaultIfEmpty().Max();
        return before == default ? [] : await ReadAsync(shopId, before, cancellationToken);
    }

    public async Task<IReadOnlyList<AudienceStay>> ReadAsync(string shopId, DateOnly night, CancellationToken cancellationToken)
    {
        Response<BlobDownloadStreamingResult> download;
        try
        {
            download = await Container.GetBlobClient(BlobName(shopId, night)).DownloadStreamingAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        using var result = download.Value;
        await using var gzip = new GZipStream(result.Content, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var stays = new List<AudienceStay>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var fields = JsonSerializer.Deserialize<string?[]>(line)
                ?? throw new InvalidDataException($"{BlobName(shopId, night)}: a line is not an array");
            stays.Add(new AudienceStay(fields[0]!, fields[1]!, Day(fields[2])!.Value, Day(fields[3])));
        }
        return stays;
    }

    /// <summary>Writes the night's stays and drops nights older than the newest <see cref="NightsKept"/>.</summary>
    public async Task SaveAsync(string shopId, DateOnly night, IReadOnlyList<AudienceStay> stays, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        await using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
            foreach (var stay in stays)
                await writer.WriteLineAsync(JsonSerializer.Serialize(new[] { stay.Audience, stay.CustomerKey, Text(stay.EnteredOn), Text(stay.LeftOn) }));
        buffer.Position = 0;
        await Container.GetBlobClient(BlobName(shopId, night)).UploadAsync(buffer, overwrite: true, cancellationToken);
        foreach (var old in (await NightsAsync(shopId, cancellationToken)).OrderDescending().Skip(NightsKept))
            await Container.DeleteBlobIfExistsAsync(BlobName(shopId, old), cancellationToken: cancellationToken);
    }

    /// <summary>Removes customers from every kept night (their erasure): their stays are gone, the others' unchanged.</summary>
    public async Task<int> RemoveCustomersAsync(string shopId, IReadOnlySet<string> customerKeys, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var night in await NightsAsync(shopId, cancellationToken))
        {
            var stays = await ReadAsync(shopId, night, cancellationToken);
            var kept = stays.Where(s => !customerKeys.Contains(s.CustomerKey)).ToList();
            if (kept.Count == stays.Count) continue;
            removed += stays.Count - kept.Count;
            await SaveAsync(shopId, night, kept, cancellationToken);
        }
        return removed;
    }

    /// <summary>Deletes every night of the shop (its erasure).</summary>
    public async Task<int> RemoveShopAsync(string shopId, CancellationToken cancellationToken)
    {
        var nights = await NightsAsync(shopId, cancellationToken);
        foreach (var night in nights) await Container.DeleteBlobIfExistsAsync(BlobName(shopId, night), cancellationToken: cancellationToken);
        return nights.Count;
    }

    private async Task<IReadOnlyList<DateOnly>> NightsAsync(string shopId, CancellationToken cancellationToken)
    {
        var nights = new List<DateOnly>();
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, shopId + "/", cancellationToken))
        {
            var name = blob.Name[(shopId.Length + 1)..];
            if (name.EndsWith(Suffix, StringComparison.Ordinal) && Day(name[..^Suffix.Length]) is { } night) nights.Add(night);
        }
        return nights;
    }

    private static string? Text(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
