namespace Retention.Core.Shops;

/// <summary>
/// A shop's calendar: which local day an instant falls on. Resolve it once per computation — looking the time
/// zone up for every order was a measurable part of a million-order night.
/// </summary>
public sealed class ShopCalendar(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
