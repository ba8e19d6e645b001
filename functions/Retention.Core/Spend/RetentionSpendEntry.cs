using System.Globalization;

namespace Retention.Core.Spend;

/// <summary>
/// Money a shop spent in one calendar month, in the shop's currency. Without a <see cref="Channel"/> it is retention
/// spend (loyalty programme, win-back campaigns, retention tooling): the cost of retention. With one it is acquisition
/// spend on that channel (<see cref="SpendChannel"/>): the CAC of <see cref="ChannelPayback"/>, and never retention
/// spend, so no money is counted twice. A month's spend is the sum of its entries; an entry's id makes recording it
/// idempotent (the webhook id for HTTP, a fresh id for the command line).
/// </summary>
/// <param name="Audience">the audience the retention spend went to (win-back e-mails to <c>win-back</c>, say), for its measured ROI
/// (<c>docs/audiences.md</c>); still retention spend of its month. Never with a <see cref="Channel"/>.</param>
public sealed record RetentionSpendEntry(string ShopId, DateOnly Month, decimal Amount, string EntryId, string? Note, string? Channel = null,
    string? Audience = null)
{
    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>YYYY-MM</c> to the first day of that month.</summary>
    public static bool TryParseMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    /// <returns>null when valid, otherwise one readable sentence.</returns>
    public static string? ValidateAmount(decimal amount) =>
        amount < 0 ? "the amount must not be negative" : amount > 1_000_000_000m ? "the amount must not exceed 1,000,000,000" : null;
}
