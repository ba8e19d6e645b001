using Retention.Core.Import;

namespace Retention.Core.WooCommerce;

/// <summary>
/// Where each column the import reads is in the order export of WooCommerce's Customer / Order / Coupon Export
/// extension, default format (one line per order) or "Default - One Row per Item" (one line per line item, the
/// order's columns repeated on each), found by name in any order (<c>docs/import.md</c>). Lines with the same
/// <c>order_id</c> as the line before are further line items of that order. Its other columns (names, streets,
/// cities, postcodes, phones, notes, item meta) are passed over and never archived; of an address only its country is
/// read; the archived copy names <c>billing_email_hash</c> in place of <c>billing_email</c>.
/// </summary>
/// <param name="Date">the order's date, <c>date</c> in the default formats (<c>order_date</c>, the column's key, in a custom one).</param>
public sealed record WooCommerceCsvColumns(
    int Count,
    int Id,
    int Date,
    string DateName,
    int Status,
    int Total,
    int? RefundedTotal,
    int? Refunds,
    int Currency,
    int CustomerId,
    int? BillingEmail,
    int? BillingEmailHash) : ExportCsvLayout(Count)
{
    public const string Format = "woocommerce-csv";
    public const string EmailHashHeader = "billing_email_hash";

    public static readonly IReadOnlyList<string> Required = ["order_id", "date", "status", "order_total", "order_currency", "customer_id", "billing_email"];
    /// <summary>The columns of the "One Row per Item" format's line item that are read, each the webhook line's field after <c>item_</c>.</summary>
    public static readonly IReadOnlyList<string> ItemNames = ["item_product_id", "item_name", "item_sku", "item_quantity", "item_total", "item_total_tax"];

    public static readonly IReadOnlyList<string> Optional = ["refunded_total", "refunds", "line_items", "coupon_items", "shipping_country", "billing_country", .. ItemNames];

    /// <summary>What is read, and so archived, of each item of the <c>line_items</c> column (the default format).</summary>
    public static readonly IReadOnlyList<string> LineItemKeys = ["product_id", "name", "sku", "quantity", "total", "total_tax"];

    /// <summary>The <c>coupon_items</c> column (older versions of the extension name it <c>coupons</c>); only the codes are read.</summary>
    public static readonly IReadOnlyList<string> CouponKeys = ["code"];

    /// <summary>The <c>line_items</c> column, in the default format (one line per order).</summary>
    public int? LineItems { get; init; }

    public int? CouponItems { get; init; }

    public string CouponItemsName { get; init; } = "coupon_items";

    public int? ShippingCountry { get; init; }

    public int? BillingCountry { get; init; }

    /// <summary>The "One Row per Item" format's item columns by name (<see cref="ItemNames"/>) that the header has.</summary>
    public IReadOnlyDictionary<string, int> Items { get; init; } = new Dictionary<string, int>();

    /// <summary>Whether each line is a line item (the "One Row per Item" format): every line of an order is read and archived.</summary>
    public bool OneRowPerItem => Items.Count > 0;

    /// <exception cref="InvalidDataException">the header lacks a column the import cannot do without, or repeats one it reads.</exception>
    public static WooCommerceCsvColumns FromHeader(IReadOnlyList<string> names)
    {
        var header = CsvHeader.Read(names);
        var dateName = header.Find("date") is null && header.Find("order_date") is not null ? "order_date" : "date";
        var hashed = header.Find(EmailHashHeader) is not null;
        var missing = header.Missing(Required.Select(name => name == "date" ? dateName : name).Where(name => !(hashed && name == "billing_email")));
        if (missing.Count > 0)
            throw new InvalidDataException($"the header lacks the required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; " +
                                           $"a {Format} file is the order export of WooCommerce's Customer / Order / Coupon Export " +
                                           $"(default format), whose header names {string.Join(", ", Required)} among its columns");
        var couponName = header.Find("coupon_items") is null && header.Find("coupons") is not null ? "coupons" : "coupon_items";
        return new WooCommerceCsvColumns(header.Count, header.Get("order_id"), header.Get(dateName), dateName, header.Get("status"),
            header.Get("order_total"), header.Find("refunded_total"), header.Find("refunds"), header.Get("order_currency"),
            header.Get("customer_id"), header.Find("billing_email"), header.Find(EmailHashHeader))
        {
            LineItems = header.Find("line_items"),
            CouponItems = header.Find(couponName),
            CouponItemsName = couponName,
            ShippingCountry = header.Find("shipping_country"),
            BillingCountry = header.Find("billing_country"),
            Items = ItemNames.Where(name => header.Find(name) is not null).ToDictionary(name => name, name => header.Get(name)),
        };
    }

    public override int OrderId => Id;

    public override bool Continues(IReadOnlyList<string> first, IReadOnlyList<string> following)
    {
        var id = following[Id].Trim();
        return id.Length > 0 && id == first[Id].Trim();
    }

    public override IReadOnlyList<(string Name, int Column)> Archived =>
    [
        .. new (string, int?)[]
        {
            ("order_id", Id), (DateName, Date), ("status", Status), ("order_total", Total), ("refunded_total", RefundedTotal),
            ("refunds", Refunds), ("order_currency", Currency), ("customer_id", CustomerId), (EmailHashHeader, BillingEmailHash),
            ("line_items", LineItems), (CouponItemsName, CouponItems), ("shipping_country", ShippingCountry), ("billing_country", BillingCountry),
        }.Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!.Value)),
        .. ItemNames.Where(Items.ContainsKey).Select(name => (name, Items[name])),
    ];

    /// <summary>
    /// A refund's reason is free text staff typed (it may name the customer): the copy keeps ids, dates and amounts.
    /// A list that cannot be read is replaced by a word that cannot be read either, so the copy's order is skipped as the file's was.
    /// Of the line items and coupons the copy keeps what is read (no item meta, which may hold a buyer's engraving text,
    /// no coupon description).
    /// </summary>
    public override string Redact(int column, string value)
    {
        if (column == Refunds) return WooCommerceCsvRefunds.TryParse(value) is { } refunds ? WooCommerceCsvRefunds.Format(refunds) : "unreadable";
        if (column == LineItems) return KeptItems(value, LineItemKeys);
        if (column == CouponItems) return KeptItems(value, CouponKeys);
        return value;
    }

    private static string KeptItems(string value, IReadOnlyList<string> keys) =>
        WooCommerceCsvItems.TryParse(value) is { } items ? WooCommerceCsvItems.Format(items, keys) : "unreadable";

    public override int? Email => BillingEmail;

    public override string EmailHashName => EmailHashHeader;
}
