using System.Globalization;

namespace Retention.Pipeline.Reports;

/// <summary>
/// Numbers as the report shows them: invariant culture (the same page whatever the server's locale), thousands
/// separated, a dash where a figure has no value (a ratio without a denominator is not 0).
/// </summary>
public static class ReportFormat
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    public const string None = "–";

    public static string Count(int value) => value.ToString("N0", C);

    public static string Money(decimal value) => value.ToString("N2", C);

    /// <summary>A model's figure in money: a dash when it is not a number a shop could hold (NaN, infinite, beyond decimal's range).</summary>
    public static string Money(double value) => Fits(value) ? Money((decimal)value) : None;

    /// <summary>A model's count, whole: a dash when it is not a finite number.</summary>
    public static string Count(double value) => Fits(value) ? value.ToString("N0", C) : None;

    private static readonly double DecimalRange = (double)decimal.MaxValue;

    private static bool Fits(double value) => double.IsFinite(value) && Math.Abs(value) < DecimalRange;

    public static string Number(decimal? value, int decimals) => value is { } v ? v.ToString("N" + decimals, C) : None;

    /// <summary>A share (0.527) as a percentage ("52.7 %").</summary>
    public static string Percent(decimal? share, int decimals = 1) => share is { } s ? (s * 100).ToString("N" + decimals, C) + " %" : None;

    /// <summary>A score already in percent or points (NPS 14.5, CSAT 73.6).</summary>
    public static string Score(decimal? score) => score is { } s ? s.ToString("0.0", C) : None;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", C);

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", C);

    /// <summary>An SVG coordinate: short, invariant, never in exponent form.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", C);

    /// <summary>A machine-readable value for a data-* attribute.</summary>
    public static string Raw(decimal value) => value.ToString(C);
}
