namespace Retention.Core.Shops;

/// <summary>
/// A registered shop as the pipeline knows it, with the settings that change its figures. It holds no secret:
/// the webhook secret and the customer-id salt live in <see cref="ShopCredentials"/>, which never reaches a
/// table, snapshot or export.
/// </summary>
public sealed record Shop(string Id, string TimeZoneId, string Currency, DateTimeOffset RegisteredAt,
    Metrics.RetentionSettings? Settings = null)
{
    public Metrics.RetentionSettings RetentionSettings => Settings ?? Metrics.RetentionSettings.Default;

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The calendar date of an instant in the shop's own time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => Calendar().LocalDate(instant);

    /// <summary>The shop's calendar with its time zone resolved once, for loops over many orders.</summary>
    public ShopCalendar Calendar() => new(TimeZone);

    /// <summary>The date a nightly run at <paramref name="now"/> reports on: yesterday, in the shop's time zone.</summary>
    public DateOnly NightlyAsOfDate(DateTimeOffset now) => LocalDate(now).AddDays(-1);
}
