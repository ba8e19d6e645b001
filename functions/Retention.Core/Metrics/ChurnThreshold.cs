namespace Retention.Core.Metrics;

/// <summary>Where the churn threshold of a snapshot came from.</summary>
public enum ChurnThresholdSource
{
    /// <summary>The shop's <see cref="RetentionSettings.ChurnDays"/>.</summary>
    Setting,

    /// <summary>The shop's own purchase rhythm: a percentile of its gaps between purchase days, clamped.</summary>
    Derived,

    /// <summary>Too few gaps to trust a percentile: <see cref="ChurnThreshold.FallbackDays"/>.</summary>
    Fallback,
}

/// <summary>
/// How many days without a purchase make a customer churned (<c>docs/metrics.md</c>, "Churn threshold"), and why.
/// </summary>
/// <param name="Days">The threshold N in force.</param>
/// <param name="Intervals">Gaps between consecutive purchase days of one customer, all customers, up to the as-of day.</param>
/// <param name="PercentileDays">The <see cref="Percentile"/> of those gaps before clamping; null with fewer than <see cref="MinimumIntervals"/>.</param>
public sealed record ChurnThreshold(int Days, ChurnThresholdSource Source, decimal Percentile, int Intervals, int? PercentileDays)
{
    /// <summary>Nine in ten repeat purchases come back within N days; a longer silence is unusual for this shop.</summary>
    public const decimal DerivedPercentile = 0.90m;

    /// <summary>Below this many gaps the 90th percentile is one or two customers' habits, not the shop's.</summary>
    public const int MinimumIntervals = 20;

    /// <summary>Shorter than a month, customers would be won and lost within one month and the monthly churn rate would miss them.</summary>
    public const int MinimumDays = 30;

    /// <summary>A customer silent for a year is lost in any retail trade, however slow the shop's rhythm.</summary>
    public const int MaximumDays = 365;

    /// <summary>The common e-commerce default (a quarter without a purchase) when the shop's data cannot say.</summary>
    public const int FallbackDays = 90;

    public static ChurnThreshold For(PurchaseHistory history, RetentionSettings settings) =>
        For(history.Table, settings.Validated().ChurnDays);

    internal static ChurnThreshold For(PurchaseTable table, int? settingDays)
    {
        // Gaps are whole days no longer than the shop's age, so a histogram replaces sorting them.
        var histogram = new int[table.AsOfDay - table.FirstDay + 1];
        var intervals = 0;
        for (var c = 0; c < table.Customers; c++)
            for (int i = table.CustomerStart[c] + 1, end = table.CustomerStart[c + 1]; i < end; i++)
            {
                var gap = table.Day[i] - table.Day[i - 1];
                if (gap == 0) continue; // a second basket on the same day is not a return
                histogram[gap]++;
                intervals++;
            }

        int? percentileDays = null;
        if (intervals >= MinimumIntervals)
        {
            // Nearest rank: the smallest gap with at least 90 % of all gaps at or below it, always a whole number of days.
            var rank = (int)Math.Ceiling(DerivedPercentile * intervals);
            for (int gap = 0, seen = 0; gap < histogram.Length; gap++)
            {
                seen += histogram[gap];
                if (seen >= rank) { percentileDays = gap; break; }
            }
        }

        if (settingDays is { } days) return new ChurnThreshold(days, ChurnThresholdSource.Setting, DerivedPercentile, intervals, percentileDays);
        return percentileDays is { } p
            ? new ChurnThreshold(Math.Clamp(p, MinimumDays, MaximumDays), ChurnThresholdSource.Derived, DerivedPercentile, intervals, p)
            : new ChurnThreshold(FallbackDays, ChurnThresholdSource.Fallback, DerivedPercentile, intervals, null);
    }
}
