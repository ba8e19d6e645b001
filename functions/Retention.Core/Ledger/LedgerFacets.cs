using Retention.Core.Orders;

namespace Retention.Core.Ledger;

/// <summary>One line as the ledger keeps it: the product, its title for people, and the quantities and net amount.</summary>
public readonly record struct LedgerLine(string ProductId, string? Title, int Quantity, int ReturnedQuantity, decimal NetAmount);

/// <summary>
/// What an order was made of and where it came from, as the nightly dimension figures read them: its lines, its
/// channel's <c>source / medium</c>, its discount codes and its country. Only orders that carry any have one, so a
/// shop whose route sends none pays nothing for it. Equal strings are one instance (<see cref="LedgerStrings"/>):
/// a product id is held once, not once per line.
/// </summary>
public sealed class LedgerFacets(LedgerLine[] lines, string channel, string[] discountCodes, string? country)
{
    public IReadOnlyList<LedgerLine> Lines { get; } = lines;

    /// <summary><see cref="OrderChannel.Label"/>.</summary>
    public string Channel { get; } = channel;

    public IReadOnlyList<string> DiscountCodes { get; } = discountCodes;

    public string? Country { get; } = country;

    /// <summary>The facets of an order, null when it has none to keep.</summary>
    public static LedgerFacets? From(NormalizedOrder order, LedgerStrings strings)
    {
        if (order.Lines.Count == 0 && order.Channel == OrderChannel.Unknown && order.DiscountCodes.Count == 0 && order.Country is null)
            return null;
        var lines = new LedgerLine[order.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = order.Lines[i];
            lines[i] = new LedgerLine(strings.Intern(line.ProductId), strings.InternOrNull(line.Title), line.Quantity, line.ReturnedQuantity,
                line.NetAmount);
        }
        var codes = new string[order.DiscountCodes.Count];
        for (var i = 0; i < codes.Length; i++) codes[i] = strings.Intern(order.DiscountCodes[i]);
        return new LedgerFacets(lines, strings.Intern(order.Channel.Label), codes, strings.InternOrNull(order.Country));
    }
}

/// <summary>
/// Makes equal strings of one ledger one instance while it is built or read. Owned by that one build (no shared
/// pool): a shop's product ids are not kept past its night.
/// </summary>
public sealed class LedgerStrings
{
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    public string Intern(string value)
    {
        if (_pool.TryGetValue(value, out var pooled)) return pooled;
        _pool[value] = value;
        return value;
    }

    public string? InternOrNull(string? value) => value is null ? null : Intern(value);
}
