namespace Retention.Core.Orders;

/// <summary>
/// One line of an order: what was bought, how many, and what the line came to in the shop's currency after its own
/// discounts. <see cref="ReturnedQuantity"/> is how many of them the platform says were returned or refunded.
/// </summary>
/// <param name="ProductId">the platform's product id; <see cref="CustomItem"/> for a line sold without one.</param>
public sealed record OrderLine(
    string ProductId,
    string? VariantId,
    string? Sku,
    string? Title,
    int Quantity,
    decimal NetAmount,
    int ReturnedQuantity = 0)
{
    /// <summary>The product id of a line that names no product (a custom item, a tip, a gift card sold by hand).</summary>
    public const string CustomItem = "custom";

    /// <summary>The most lines one order may hold: more is refused, naming <c>line_items</c>.</summary>
    public const int MaxPerOrder = 1000;

    /// <summary>The longest product title kept; a longer one is cut, not refused (titles are for people).</summary>
    public const int MaxTitleLength = 200;

    /// <summary>A title as kept: at most <see cref="MaxTitleLength"/> characters, never half of a surrogate pair.</summary>
    public static string CutTitle(string title)
    {
        if (title.Length <= MaxTitleLength) return title;
        var end = char.IsHighSurrogate(title[MaxTitleLength - 1]) ? MaxTitleLength - 1 : MaxTitleLength;
        return title[..end].TrimEnd();
    }
}
