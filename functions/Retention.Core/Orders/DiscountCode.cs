namespace Retention.Core.Orders;

/// <summary>
/// The discount codes of an order, as the figures group them: trimmed and lower case (both platforms match codes
/// without regard to case, and WooCommerce stores them lower case), without repeats. The amounts are not kept: the
/// order's total already nets them.
/// </summary>
public static class DiscountCode
{
    /// <summary>How the figures name the orders that used no code.</summary>
    public const string None = "none";

    public const int MaxLength = 100;

    /// <summary>The most codes one order may carry: more is refused, naming the field.</summary>
    public const int MaxPerOrder = 50;

    /// <summary>The code as kept; null for a blank one. Longer than <see cref="MaxLength"/> is the caller's to refuse.</summary>
    public static string? Clean(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed.ToLowerInvariant();
    }
}
