namespace Retention.Pipeline.Reports;

/// <summary>Round axis ends and bin widths (1, 2, 2.5 or 5 times a power of ten), so a chart's ticks read as people count.</summary>
public static class ChartScale
{
    private static readonly decimal[] Steps = [1m, 2m, 2.5m, 5m, 10m];

    /// <summary>The smallest round number at or above <paramref name="value"/>; 1 for zero or less.</summary>
    public static decimal NiceCeiling(decimal value)
    {
        if (value <= 0) return 1m;
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)value)));
        foreach (var step in Steps)
            if (step * power >= value) return step * power;
        return 10m * power;
    }

    /// <summary>Evenly spaced round ticks from 0 up to at least <paramref name="max"/> (two at least, so an axis always has a span).</summary>
    public static IReadOnlyList<decimal> Ticks(decimal max, int ticks = 4)
    {
        var step = NiceCeiling(max / ticks);
        var values = new List<decimal>();
        for (var value = 0m; values.Count < 2 || values[^1] < max; value += step) values.Add(value);
        return values;
    }
}
