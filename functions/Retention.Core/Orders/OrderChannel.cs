namespace Retention.Core.Orders;

/// <summary>
/// Where an order came from, in the web analytics' terms a marketer already reads: <see cref="Source"/> /
/// <see cref="Medium"/> (<c>google / cpc</c>, <c>newsletter / email</c>, <c>(direct) / (none)</c>), the campaign,
/// the referring site's host name only (never its path or query), and the platform's own name for the sales channel
/// (Shopify's <c>source_name</c>, WooCommerce's <c>created_via</c>). Lower case, as the analytics tools compare them.
/// </summary>
public sealed record OrderChannel(string Source, string Medium, string? Campaign, string? ReferrerHost, string? SourceName)
{
    public const string Direct = "(direct)";
    public const string NoMedium = "(none)";
    public const string NotSet = "(not set)";
    public const int MaxLength = 100;

    /// <summary>An order that says nothing of where it came from.</summary>
    public static readonly OrderChannel Unknown = new(Direct, NoMedium, null, null, null);

    /// <summary>How the figures name a channel: <c>source / medium</c>.</summary>
    public string Label => $"{Source} / {Medium}";

    /// <summary>
    /// The channel from what a platform records, by the rule of the analytics tools: the UTM source and medium when the
    /// landing page had them; else the referring host, as a <c>referral</c>; else the platform's sales channel when it is
    /// not its online store (<paramref name="isStorefront"/>: a POS or draft order has its own source); else direct.
    /// </summary>
    public static OrderChannel From(string? utmSource, string? utmMedium, string? utmCampaign, string? referrerHost, string? sourceName,
        bool isStorefront)
    {
        utmSource = Clean(utmSource);
        utmMedium = Clean(utmMedium);
        referrerHost = Clean(referrerHost);
        sourceName = Clean(sourceName);
        string source, medium;
        if (utmSource is not null)
        {
            source = utmSource;
            medium = utmMedium ?? NotSet;
        }
        else if (referrerHost is not null)
        {
            source = referrerHost;
            medium = utmMedium ?? "referral";
        }
        else
        {
            source = sourceName is not null && !isStorefront ? sourceName : Direct;
            medium = utmMedium ?? NoMedium;
        }
        return new OrderChannel(source, medium, Clean(utmCampaign), referrerHost, sourceName);
    }

    /// <summary>
    /// The host name of a URL, lower case, without port, path or query, so a referrer keeps no path or query that could
    /// hold personal data; a URL without a scheme (<c>www.example.com/page</c>) is read as http. Null when it has no host.
    /// </summary>
    public static string? HostOf(string url)
    {
        var text = url.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "http://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) return null;
        var host = uri.IdnHost.Trim('.').ToLowerInvariant();
        return host.Length == 0 ? null : host;
    }

    /// <summary>Trimmed, lower case, at most <see cref="MaxLength"/> characters; blank is none.</summary>
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        if (trimmed.Length == 0) return null;
        if (trimmed.Length > MaxLength) trimmed = trimmed[..MaxLength];
        return trimmed.ToLowerInvariant();
    }
}
