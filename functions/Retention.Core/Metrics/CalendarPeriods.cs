using System.Globalization;

namespace Retention.Core.Metrics;

/// <summary>
/// Months and ISO weeks as consecutive integers, so the hot loops index arrays instead of hashing dates.
/// Day number 0 (0001-01-01) is a Monday, so day number / 7 counts ISO weeks exactly.
/// </summary>
internal static class CalendarPeriods
{
    public static int MonthIndex(DateOnly day) => day.Year * 12 + day.Month - 1;

    public static DateOnly MonthStart(int monthIndex) => new(monthIndex / 12, monthIndex % 12 + 1, 1);

    public static DateOnly MonthEnd(int monthIndex) => MonthStart(monthIndex).AddMonths(1).AddDays(-1);

    public static int WeekIndex(int dayNumber) => dayNumber / 7;

    public static DateOnly WeekStart(int weekIndex) => DateOnly.FromDayNumber(weekIndex * 7);

    public static int Index(CohortPeriod period, DateOnly day) =>
        period == CohortPeriod.Month ? MonthIndex(day) : WeekIndex(day.DayNumber);

    public static DateOnly Start(CohortPeriod period, int index) => period == CohortPeriod.Month ? MonthStart(index) : WeekStart(index);

    public static DateOnly End(CohortPeriod period, int index) => period == CohortPeriod.Month ? MonthEnd(index) : WeekStart(index).AddDays(6);

    /// <summary>"2025-03" for a month, "2025-W11" for an ISO week (whose year may differ from its Monday's).</summary>
    public static string Label(CohortPeriod period, int index)
    {
        var start = Start(period, index);
        if (period == CohortPeriod.Month) return start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var thursday = start.AddDays(3).ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(thursday)}-W{ISOWeek.GetWeekOfYear(thursday):D2}");
    }
}
