namespace Retention.Core.Models;

/// <summary>
/// The unit in which a model measures time (t_x, T, horizons; the rate parameter α is per this unit). The models do
/// not care which one is used, but their parameters do: the literature's published values are in weeks.
/// </summary>
public enum ModelTimeUnit
{
    Day = 1,
    Week = 7,
}

public static class ModelTimeUnits
{
    public static double DaysPer(this ModelTimeUnit unit) => (int)unit;

    /// <summary>An average calendar month (365.25 / 12 days) in this unit; CLV horizons are counted in these months.</summary>
    public static double MonthLength(this ModelTimeUnit unit) => 365.25 / 12 / unit.DaysPer();

    public static ModelTimeUnit Parse(string text) => text.ToLowerInvariant() switch
    {
        "day" or "days" => ModelTimeUnit.Day,
        "week" or "weeks" => ModelTimeUnit.Week,
        _ => throw new ArgumentException($"time unit must be days or weeks, not '{text}'", nameof(text)),
    };
}
