using System.Globalization;

namespace Retention.Core.Orders;

/// <summary>
/// Reads the times an order export gives without an offset as wall-clock time in the shop's time zone, which
/// is what shop back offices export. A plain date is the start of that day. In the hour clocks skip (spring)
/// a time is moved forward by the gap, as the clock on the wall did; in the hour they repeat (autumn) the
/// first of the two is meant, because the export cannot say which and the earlier keeps the order on its day.
/// </summary>
public static class ShopLocalTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    /// <summary>True when the text ends in an offset (<c>Z</c> or <c>±hh:mm</c>) and so names an instant itself.</summary>
    public static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    public static bool TryResolve(string text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock)) return false;
        wallClock = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (wallClock.Year is < 2 or > 9998)
        {
            // No time zone applies at the ends of the calendar; the normalizer refuses the year anyway.
            instant = new DateTimeOffset(wallClock, TimeSpan.Zero);
            return true;
        }
        TimeSpan offset;
        if (zone.IsInvalidTime(wallClock))
            // The offset in force just before the gap puts the instant after it, by as much as the gap is long.
            offset = zone.GetUtcOffset(wallClock.AddHours(-3));
        else if (zone.IsAmbiguousTime(wallClock))
            offset = zone.GetAmbiguousTimeOffsets(wallClock).Max();
        else
            offset = zone.GetUtcOffset(wallClock);
        var utc = new DateTimeOffset(wallClock.Ticks - offset.Ticks, TimeSpan.Zero);
        instant = TimeZoneInfo.ConvertTime(utc, zone);
        return true;
    }
}
