using Retention.Core.Orders;

namespace Retention.Core.Spend;

/// <summary>
/// The acquisition channel a spend entry names, written as the figures name an order's channel (<see cref="OrderChannel.Label"/>):
/// <c>source / medium</c>, e.g. <c>google / cpc</c>. Each side is cleaned as an order's is (trimmed, lower case), so
/// <c>Google / CPC</c> is <c>google / cpc</c>; a bare source is refused rather than guessed to mean every medium, so one
/// spend entry always belongs to exactly one channel of the figures.
/// </summary>
public static class SpendChannel
{
    /// <summary>Two sides of at most <see cref="OrderChannel.MaxLength"/> and the separator: longer could never match an order.</summary>
    public const int MaxLength = 2 * OrderChannel.MaxLength + 3;

    private const string Separator = " / ";

    /// <returns>The channel's label, or null and one readable sentence for the field's error.</returns>
    public static (string? Label, string? Problem) Read(string text)
    {
        if (text.Length > MaxLength) return (null, $"must be at most {MaxLength} characters");
        if (text.Any(char.IsControl)) return (null, "must not contain control characters");
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        var (source, medium) = at < 0 ? ("", "") : (text[..at].Trim(), text[(at + Separator.Length)..].Trim());
        if (source.Length == 0 || medium.Length == 0)
            return (null, "must be \"source / medium\" as the figures name channels, e.g. \"google / cpc\"");
        // An order's sides are cut at MaxLength (OrderChannel.Clean): a longer side would silently never match one.
        if (source.Length > OrderChannel.MaxLength || medium.Length > OrderChannel.MaxLength)
            return (null, $"source and medium must each be at most {OrderChannel.MaxLength} characters");
        return ($"{OrderChannel.Clean(source)}{Separator}{OrderChannel.Clean(medium)}", null);
    }
}
