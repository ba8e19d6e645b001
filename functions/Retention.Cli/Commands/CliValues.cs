using System.Globalization;

namespace Retention.Cli.Commands;

public static class CliValues
{
    public static DateOnly Date(string? text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliUsageException($"{option} must be a date as YYYY-MM-DD, not '{text}'");
}
