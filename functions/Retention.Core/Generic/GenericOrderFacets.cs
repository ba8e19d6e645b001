using System.Globalization;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Generic;

/// <summary>
/// What the generic event says was bought and where the customer came from (<c>docs/events.md</c>): <c>line_items[]</c>,
/// <c>channel</c>, <c>discount_codes[]</c> and <c>country</c>, all optional. The sender names each value explicitly,
/// so unlike the platforms' readers nothing is derived but the channel's source / medium.
/// </summary>
internal static class GenericOrderFacets
{
    public const string LinesField = "line_items";
    public const string ChannelField = "channel";
    public const string CodesField = "discount_codes";
    public const string CountryField = "country";

    /// <summary>The fields of a line the normalizer reads, and so all the archived copy keeps of one.</summary>
    public static readonly IReadOnlyList<string> LineFields = ["product_id", "variant_id", "sku", "title", "quantity", "amount", "returned_quantity"];

    /// <summary>The fields of <c>channel</c> the normalizer reads.</summary>
    public static readonly IReadOnlyList<string> ChannelFields = ["source", "medium", "campaign", "referrer_host", "source_name"];

    /// <summary>More of one product in one line than any shop sells: a larger number is a mistake or an attack.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>The longest SKU and channel text accepted; the channel's texts are then kept to <see cref="OrderChannel.MaxLength"/>.</summary>
    public const int MaxTextLength = 256;

    public static IReadOnlyList<OrderLine> Lines(JsonElement root)
    {
        if (JsonFields.Optional(root, LinesField) is not { } array) return [];
        if (array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > OrderLine.MaxPerOrder)
            throw new EventFieldException(LinesField,
                $"has {array.GetArrayLength().ToString(CultureInfo.InvariantCulture)} lines; at most {OrderLine.MaxPerOrder.ToString(CultureInfo.InvariantCulture)} are read");
        var lines = new List<OrderLine>();
        foreach (var (item, path, _) in JsonFields.Objects(root, LinesField))
            lines.Add(Line(item, path));
        return lines;
    }

    private static OrderLine Line(JsonElement item, string path)
    {
        var productId = JsonFields.Identifier(JsonFields.Required(item, "product_id", path + ".product_id"), path + ".product_id");
        var variantId = JsonFields.Optional(item, "variant_id") is { } v ? JsonFields.Identifier(v, path + ".variant_id") : null;
        var sku = Text(item, "sku", path + ".sku");
        var title = JsonFields.Optional(item, "title") is { } t ? Title(t, path + ".title") : null;
        var quantity = Count(JsonFields.Required(item, "quantity", path + ".quantity"), path + ".quantity", 1, MaxQuantity);
        var amount = JsonFields.Amount(JsonFields.Required(item, "amount", path + ".amount"), path + ".amount");
        var returned = JsonFields.Optional(item, "returned_quantity") is { } r ? Count(r, path + ".returned_quantity", 0, quantity) : 0;
        return new OrderLine(productId, variantId, sku, title, quantity, amount, returned);
    }

    /// <summary>
    /// A product title: a string without control characters, cut to <see cref="OrderLine.MaxTitleLength"/> rather than
    /// refused (titles are for people; the product id is the key). Blank is none.
    /// </summary>
    public static string? Title(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a string");
        var text = value.GetString()!.Trim();
        if (text.Any(char.IsControl)) throw new EventFieldException(path, "must not contain control characters");
        return text.Length == 0 ? null : OrderLine.CutTitle(text);
    }

    /// <summary>A JSON integer between <paramref name="min"/> and <paramref name="max"/>: a string or a fraction is refused.</summary>
    private static int Count(JsonElement value, string path, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count))
            throw new EventFieldException(path, "must be a whole number");
        if (count < min || count > max)
            throw new EventFieldException(path, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
        return count;
    }

    /// <summary>
    /// <c>channel</c> as <see cref="OrderChannel.From"/> reads a platform's: an order with a <c>source_name</c> came
    /// through that named sales channel, one without it through the shop's own storefront.
    /// </summary>
    public static OrderChannel Channel(JsonElement root)
    {
        if (JsonFields.Optional(root, ChannelField) is not { } channel) return OrderChannel.Unknown;
        if (channel.ValueKind != JsonValueKind.Object) throw new EventFieldException(ChannelField, "must be an object");
        string? Field(string name) => Text(channel, name, $"{ChannelField}.{name}");
        var referrerHost = ReferrerHost(channel);
        var sourceName = Field("source_name");
        return OrderChannel.From(Field("source"), Field("medium"), Field("campaign"), referrerHost, sourceName, isStorefront: sourceName is null);
    }

    /// <summary>
    /// <c>channel.referrer_host</c>, reduced to a host name should a sender give the whole referring URL: its path and
    /// query may carry a customer's e-mail, and are neither read nor archived.
    /// </summary>
    public static string? ReferrerHost(JsonElement channel)
    {
        const string path = ChannelField + ".referrer_host";
        if (Text(channel, "referrer_host", path) is not { } text) return null;
        return OrderChannel.HostOf(text) ?? throw new EventFieldException(path, "must be a host name such as www.google.com");
    }

    public static IReadOnlyList<string> DiscountCodes(JsonElement root)
    {
        if (JsonFields.Optional(root, CodesField) is not { } array) return [];
        if (array.ValueKind != JsonValueKind.Array) throw new EventFieldException(CodesField, "must be an array of strings");
        var count = array.GetArrayLength();
        if (count > DiscountCode.MaxPerOrder)
            throw new EventFieldException(CodesField,
                $"has {count.ToString(CultureInfo.InvariantCulture)} codes; at most {DiscountCode.MaxPerOrder.ToString(CultureInfo.InvariantCulture)} are read");
        var codes = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{CodesField}[{index++.ToString(CultureInfo.InvariantCulture)}]";
            if (item.ValueKind != JsonValueKind.String) throw new EventFieldException(path, "must be a string");
            var text = item.GetString()!;
            if (text.Length > DiscountCode.MaxLength)
                throw new EventFieldException(path, $"must be at most {DiscountCode.MaxLength.ToString(CultureInfo.InvariantCulture)} characters");
            if (text.Any(char.IsControl)) throw new EventFieldException(path, "must not contain control characters");
            if (DiscountCode.Clean(text) is { } code && !codes.Contains(code)) codes.Add(code);
        }
        return codes;
    }

    public static string? Country(JsonElement root)
    {
        if (JsonFields.Optional(root, CountryField) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) throw new EventFieldException(CountryField, "must be a string");
        var text = value.GetString()!;
        return text.Length <= 16 && CountryCode.TryRead(text, out var code) ? code
            : throw new EventFieldException(CountryField, "must be an ISO 3166-1 alpha-2 country code such as DE");
    }

    /// <summary>An optional text: absent, null or blank is none; anything but a string, or longer than <see cref="MaxTextLength"/>, is refused.</summary>
    private static string? Text(JsonElement obj, string name, string path)
    {
        if (JsonFields.Optional(obj, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0) return null;
        return JsonFields.String(value, path, MaxTextLength).Trim();
    }
}
