namespace Retention.Core.Dimensions;

/// <summary>
/// What a first-purchase cohort is grouped by: a value of the customer's first order (<c>docs/metrics.md</c>,
/// "First-purchase cohorts by dimension"). Product, category and discount code can take several values per customer
/// ("first order contained"); channel and country take one.
/// </summary>
public enum FirstPurchaseDimension
{
    FirstProduct,
    FirstCategory,
    FirstChannel,
    FirstDiscountCode,
    Country,
}

public static class FirstPurchaseDimensions
{
    /// <summary>The value under which a first order without lines counts, for product and category.</summary>
    public const string NoLines = "(no lines)";

    /// <summary>The name of the row that merges the values past the cut.</summary>
    public const string Other = "(other)";

    public static IReadOnlyList<FirstPurchaseDimension> All { get; } = Enum.GetValues<FirstPurchaseDimension>();

    /// <summary>As the datasets and docs name it.</summary>
    public static string Name(this FirstPurchaseDimension dimension) => dimension switch
    {
        FirstPurchaseDimension.FirstProduct => "first_product",
        FirstPurchaseDimension.FirstCategory => "first_category",
        FirstPurchaseDimension.FirstChannel => "first_channel",
        FirstPurchaseDimension.FirstDiscountCode => "first_discount_code",
        FirstPurchaseDimension.Country => "country",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    /// <summary>How many values are kept, by customers; the rest are one "other" row. Products have the longest tail.</summary>
    public static int CutAfter(this FirstPurchaseDimension dimension) => dimension == FirstPurchaseDimension.FirstProduct ? 25 : 20;
}
