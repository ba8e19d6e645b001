using System.Net;
using System.Text;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>
/// Where a Shopify order came from (<c>docs/shopify.md</c>, "Channel"): <c>utm_source</c>, <c>utm_medium</c> and
/// <c>utm_campaign</c> from the query of <c>landing_site</c>, the host name of <c>referring_site</c>, and
/// <c>source_name</c> (<c>web</c> is the online store). Nothing else of either URL is read or kept: a landing page's
/// path and other parameters can carry a customer's e-mail or a cart token.
/// </summary>
internal static class ShopifyChannelReader
{
    /// <summary>Longer than real landing pages with click ids; a longer one is refused, naming its field.</summary>
    public const int MaxUrlLength = 4096;

    public static readonly string[] UtmParameters = ["utm_source", "utm_medium", "utm_campaign"];

    public static OrderChannel Read(JsonElement root)
    {
        var landing = Text(root, "landing_site", MaxUrlLength);
        var utm = landing is null ? new Dictionary<string, string>() : Utm(landing)
            ?? throw new EventFieldException("landing_site", "has a utm parameter with control characters");
        var referrer = Text(root, "referring_site", MaxUrlLength) is { } site ? OrderChannel.HostOf(site) : null;
        var sourceName = Text(root, "source_name", 256);
        return OrderChannel.From(utm.GetValueOrDefault("utm_source"), utm.GetValueOrDefault("utm_medium"), utm.GetValueOrDefault("utm_campaign"),
            referrer, sourceName, isStorefront: sourceName == "web");
    }

    /// <summary>
    /// The <see cref="UtmParameters"/> of a URL's query (relative, <c>/products/x?utm_source=…</c>, or absolute),
    /// URL-decoded, the first of each name; null when one decodes to control characters.
    /// </summary>
    public static Dictionary<string, string>? Utm(string url)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = url.IndexOf('?', StringComparison.Ordinal);
        if (start < 0) return found;
        var end = url.IndexOf('#', start);
        var query = end < 0 ? url[(start + 1)..] : url[(start + 1)..end];
        foreach (var pair in query.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) continue;
            var name = WebUtility.UrlDecode(pair[..equals]).Trim().ToLowerInvariant();
            if (!UtmParameters.Contains(name) || found.ContainsKey(name)) continue;
            var value = WebUtility.UrlDecode(pair[(equals + 1)..]);
            if (value.Any(char.IsControl)) return null;
            found[name] = value;
        }
        return found;
    }

    /// <summary>The archived form of a landing page: a query of its utm parameters only (<c>?utm_source=google&amp;utm_medium=cpc</c>); null when it has none.</summary>
    public static string? UtmOnly(string url)
    {
        var utm = Utm(url);
        if (utm is null || utm.Count == 0) return null;
        var query = new StringBuilder();
        foreach (var name in UtmParameters)
            if (utm.TryGetValue(name, out var value))
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return query.ToString();
    }

    /// <summary>A text field that may be absent, null or blank (none); anything but a string is refused.</summary>
    private static string? Text(JsonElement root, string name, int maxLength)
    {
        if (JsonFields.Optional(root, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0) return null;
        return JsonFields.String(value, name, maxLength).Trim();
    }
}
