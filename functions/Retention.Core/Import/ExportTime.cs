using System.Globalization;
using Retention.Core.Orders;

namespace Retention.Core.Import;

/// <summary>
/// Reads the times platform exports write. Shopify writes the shop's wall-clock time with its offset and no colon
/// (<c>2024-05-01 09:58:12 +0200</c>); an RFC 3339 time with an offset is that instant; a time without an offset
/// (WooCommerce's <c>2017-03-22 16:28:02</c>, the store's local time) is wall-clock time in the shop's time zone,
/// read by <see cref="ShopLocalTime"/> exactly as the generic import reads it.
/// </summary>
public static class ExportTime
{
    private static readonly string[] WithoutOffset = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];

    public static bool TryRead(string text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (HasCompactOffset(text))
        {
            var sign = text[^5] == '-' ? -1 : 1;
            var offset = new TimeSpan(int.Parse(text.AsSpan(text.Length - 4, 2), CultureInfo.InvariantCulture),
                int.Parse(text.AsSpan(text.Length - 2, 2), CultureInfo.InvariantCulture), 0) * sign;
            if (offset.Duration() > TimeSpan.FromHours(14)
                || !DateTime.TryParseExact(text[..^6].TrimEnd(), WithoutOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
                return false;
            instant = new DateTimeOffset(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), offset);
            return true;
        }
        if (ShopLocalTime.HasOffset(text))
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
        return ShopLocalTime.TryResolve(text, zone, out instant);
    }

    /// <summary>How an event carries the instant: RFC 3339 with its offset, as the normalizers require.</summary>
    public static string ToRfc3339(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Whether the text ends in " +hhmm" or " -hhmm", as Shopify's export writes it.</summary>
    private static bool HasCompactOffset(string text) =>
        text.Length > 6 && text[^5] is '+' or '-' && text[^6] == ' ' && text[^4..].All(char.IsAsciiDigit);
}
