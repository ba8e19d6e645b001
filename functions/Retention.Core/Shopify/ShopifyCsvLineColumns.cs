using Retention.Core.Import;

namespace Retention.Core.Shopify;

/// <summary>
/// The columns of Shopify's orders export that say what was bought and where the customer came from, each optional
/// (an export without them imports orders without lines, codes, country or channel). The <c>Lineitem …</c> columns
/// are read on every line of an order; the others on its first line. <c>Landing Site</c> and <c>Referring Site</c>
/// are not in the export the Shopify admin writes; they are read when a file has them (exports of apps that add them).
/// </summary>
public sealed record ShopifyCsvLineColumns(
    int? Quantity,
    int? Name,
    int? Price,
    int? Sku,
    int? Discount,
    int? DiscountCode,
    int? ShippingCountry,
    int? BillingCountry,
    int? Source,
    int? ReferringSite,
    int? LandingSite)
{
    public static readonly IReadOnlyList<string> Names =
    [
        "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku", "Lineitem discount", "Discount Code",
        "Shipping Country", "Billing Country", "Source", "Referring Site", "Landing Site",
    ];

    public static ShopifyCsvLineColumns FromHeader(CsvHeader header) => new(
        header.Find("Lineitem quantity"), header.Find("Lineitem name"), header.Find("Lineitem price"), header.Find("Lineitem sku"),
        header.Find("Lineitem discount"), header.Find("Discount Code"), header.Find("Shipping Country"), header.Find("Billing Country"),
        header.Find("Source"), header.Find("Referring Site"), header.Find("Landing Site"));

    /// <summary>What the archived copy keeps of them, by name (the two sites redacted by <see cref="ShopifyCsvColumns.Redact"/>).</summary>
    public IEnumerable<(string, int?)> Archived =>
    [
        ("Lineitem quantity", Quantity), ("Lineitem name", Name), ("Lineitem price", Price), ("Lineitem sku", Sku),
        ("Lineitem discount", Discount), ("Discount Code", DiscountCode), ("Shipping Country", ShippingCountry),
        ("Billing Country", BillingCountry), ("Source", Source), ("Referring Site", ReferringSite), ("Landing Site", LandingSite),
    ];

    /// <summary>Whether a line names a line item at all (an order's first line may carry none).</summary>
    public bool HasLineItem(IReadOnlyList<string> values) =>
        new[] { Quantity, Name, Price, Sku }.Any(column => column is { } c && values[c].Trim().Length > 0);
}
