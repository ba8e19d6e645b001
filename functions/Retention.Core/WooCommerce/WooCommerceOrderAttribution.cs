using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.WooCommerce;

/// <summary>
/// Where a WooCommerce order came from: the order attribution WooCommerce (8.5 and later) records in the order's
/// <c>meta_data[]</c> from the visitor's session (sourcebuster.js), and the order's <c>created_via</c>. The attribution
/// already speaks in the analytics tools' terms: a visit with UTM parameters keeps them; an organic search is
/// <c>google</c> / <c>organic</c>; a referral is the referring host / <c>referral</c>; a typed-in visit (source type
/// <c>typein</c>) is <c>(direct)</c> / <c>(none)</c>. Orders made in the admin (source type <c>admin</c>), by the mobile
/// app or through the REST API carry no UTM values and are named by <c>created_via</c>. See <c>docs/woocommerce.md</c>.
/// </summary>
internal static class WooCommerceOrderAttribution
{
    public const string SourceType = "_wc_order_attribution_source_type";
    public const string UtmSource = "_wc_order_attribution_utm_source";
    public const string UtmMedium = "_wc_order_attribution_utm_medium";
    public const string UtmCampaign = "_wc_order_attribution_utm_campaign";
    public const string Referrer = "_wc_order_attribution_referrer";

    /// <summary>The meta keys read, and so the only meta data the archived copy keeps.</summary>
    public static readonly IReadOnlyList<string> Keys = [SourceType, UtmSource, UtmMedium, UtmCampaign, Referrer];

    /// <summary>How the checkout names the orders it makes: the classic checkout and the block checkout (Store API).</summary>
    public static readonly IReadOnlyList<string> Storefronts = ["checkout", "store-api"];

    public const int MaxCreatedViaLength = 100;

    /// <summary>Longer than any UTM value or URL a browser sends; longer is refused, naming the entry.</summary>
    public const int MaxValueLength = 4096;

    public static OrderChannel From(JsonElement root)
    {
        var createdVia = JsonFields.Optional(root, "created_via") is { } c ? Text(c, "created_via", MaxCreatedViaLength) : null;
        var meta = Meta(root);
        var sourceType = meta.GetValueOrDefault(SourceType);
        var utmSource = meta.GetValueOrDefault(UtmSource);
        var utmMedium = meta.GetValueOrDefault(UtmMedium);
        // Typed in, as sourcebuster.js records it: (direct) / (none), also when an older store kept only the type.
        if (utmSource is null && string.Equals(sourceType, "typein", StringComparison.OrdinalIgnoreCase))
            (utmSource, utmMedium) = (OrderChannel.Direct, utmMedium ?? OrderChannel.NoMedium);
        var storefront = createdVia is not null && Storefronts.Contains(createdVia.ToLowerInvariant());
        return OrderChannel.From(utmSource, utmMedium, meta.GetValueOrDefault(UtmCampaign), ReferrerHost(meta.GetValueOrDefault(Referrer)),
            createdVia, storefront);
    }

    /// <summary>
    /// The referring page's host name only (<c>https://www.google.com/search?q=…</c> → <c>www.google.com</c>); the
    /// archived copy keeps just the host, which reads back the same. Anything else (a browser's odd referrer) is none:
    /// a referrer is a hint, not a reason to refuse an order.
    /// </summary>
    public static string? ReferrerHost(string? referrer)
    {
        if (referrer is null) return null;
        var text = referrer.Trim();
        // A name only (an address is no site a marketer knows), in its ASCII form, so that the host read back is the same.
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri.HostNameType == UriHostNameType.Dns ? uri.IdnHost.ToLowerInvariant() : null;
        return Uri.CheckHostName(text) == UriHostNameType.Dns ? text.ToLowerInvariant() : null;
    }

    /// <summary>The attribution entries of <c>meta_data[]</c> by key (the first of a key counts, even blank); other entries are not looked at.</summary>
    private static Dictionary<string, string> Meta(JsonElement root)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, path, _) in JsonFields.Objects(root, "meta_data"))
        {
            if (JsonFields.Optional(entry, "key") is not { ValueKind: JsonValueKind.String } key) continue;
            var name = key.GetString()!;
            if (!Keys.Contains(name) || !seen.Add(name)) continue;
            if (JsonFields.Optional(entry, "value") is { } value && Text(value, path + ".value", MaxValueLength) is { } text)
                found[name] = text;
        }
        return found;
    }

    /// <summary>A string where WooCommerce writes "" for none.</summary>
    private static string? Text(JsonElement value, string path, int maxLength)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0) return null;
        return JsonFields.String(value, path, maxLength).Trim();
    }
}
