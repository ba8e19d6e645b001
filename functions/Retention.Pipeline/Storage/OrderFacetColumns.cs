using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Retention.Core.Orders;

namespace Retention.Pipeline.Storage;

/// <summary>
/// How an order's lines, channel, discount codes and country sit in its <c>orders</c> row (<c>docs/storage.md</c>).
/// The lines are one compact JSON array of arrays, split over <c>Lines</c>, <c>Lines1</c>, <c>Lines2</c>… because a
/// table property holds at most 64 KiB (32 Ki characters) and 1,000 lines with long titles take several; the row's
/// 1 MiB limit holds them all. Nothing personal is among them: the country is a code, nothing else of an address.
/// </summary>
internal static class OrderFacetColumns
{
    /// <summary>Characters per property, under the 32,768 UTF-16 characters a string property may hold.</summary>
    private const int ChunkLength = 30_000;

    public static void Write(TableEntity entity, NormalizedOrder order)
    {
        if (order.Lines.Count > 0)
        {
            var json = JsonSerializer.Serialize(order.Lines.Select(line => new object?[]
            {
                line.ProductId, line.VariantId, line.Sku, line.Title, line.Quantity,
                line.NetAmount.ToString(CultureInfo.InvariantCulture), line.ReturnedQuantity,
            }));
            for (int start = 0, chunk = 0; start < json.Length; start += ChunkLength, chunk++)
                entity[LinesProperty(chunk)] = json.Substring(start, Math.Min(ChunkLength, json.Length - start));
        }
        var channel = order.Channel;
        if (channel != OrderChannel.Unknown)
        {
            entity["ChannelSource"] = channel.Source;
            entity["ChannelMedium"] = channel.Medium;
            entity["ChannelCampaign"] = channel.Campaign;
            entity["ReferrerHost"] = channel.ReferrerHost;
            entity["SourceName"] = channel.SourceName;
        }
        if (order.DiscountCodes.Count > 0) entity["DiscountCodes"] = JsonSerializer.Serialize(order.DiscountCodes);
        if (order.Country is not null) entity["Country"] = order.Country;
    }

    public static NormalizedOrder Read(TableEntity entity, NormalizedOrder order) => order with
    {
        Lines = ReadLines(entity),
        Channel = entity.GetString("ChannelSource") is { } source
            ? new OrderChannel(source, entity.GetString("ChannelMedium") ?? OrderChannel.NoMedium, entity.GetString("ChannelCampaign"),
                entity.GetString("ReferrerHost"), entity.GetString("SourceName"))
            : OrderChannel.Unknown,
        DiscountCodes = entity.GetString("DiscountCodes") is { } codes ? JsonSerializer.Deserialize<string[]>(codes) ?? [] : [],
        Country = entity.GetString("Country"),
    };

    private static string LinesProperty(int chunk) => chunk == 0 ? "Lines" : "Lines" + chunk.ToString(CultureInfo.InvariantCulture);

    private static OrderLine[] ReadLines(TableEntity entity)
    {
        if (entity.GetString("Lines") is not { } first) return [];
        var json = new StringBuilder(first);
        for (var chunk = 1; entity.GetString(LinesProperty(chunk)) is { } more; chunk++) json.Append(more);
        using var document = JsonDocument.Parse(json.ToString());
        var lines = new List<OrderLine>(document.RootElement.GetArrayLength());
        foreach (var line in document.RootElement.EnumerateArray())
            lines.Add(new OrderLine(line[0].GetString()!, line[1].GetString(), line[2].GetString(), line[3].GetString(), line[4].GetInt32(),
                decimal.Parse(line[5].GetString()!, CultureInfo.InvariantCulture), line[6].GetInt32()));
        return [.. lines];
    }
}
