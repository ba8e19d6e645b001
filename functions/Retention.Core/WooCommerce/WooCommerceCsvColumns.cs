using Retention.Core.Import;

namespace Retention.Core.WooCommerce;

/// <summary>
/// Where each column the import reads is in the order export of WooCommerce's Customer / Order / Coupon Export
/// extension, default format (one line per order) or "Default - One Row per Item" (one line per line item, the
/// order's columns repeated on each), found by name in any order (<c>docs/import.md</c>). Lines with the same
/// <c>order_id</c> as the line before are further line items of that order. Its other columns (names, addresses,
/// phones, notes, line items) are passed over and never archived; the archived copy names <c>billing_email_hash</c>
/// in place of <c>billing_email</c>.
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
    public static readonly IReadOnlyList<string> Optional = ["refunded_total", "refunds"];

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
        return new WooCommerceCsvColumns(header.Count, header.Get("order_id"), header.Get(dateName), dateName, header.Get("status"),
            header.Get("order_total"), header.Find("refunded_total"), header.Find("refunds"), header.Get("order_currency"),
            header.Get("customer_id"), header.Find("billing_email"), header.Find(EmailHashHeader));
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
        }.Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!.Value)),
    ];

    /// <summary>
    /// A refund's reason is free text staff typed (it may name the customer): the copy keeps ids, dates and amounts.
    /// A list that cannot be read is replaced by a word that cannot be read either, so the copy's order is skipped as the file's was.
    /// </summary>
    public override string Redact(int column, string value) =>
        column != Refunds ? value : WooCommerceCsvRefunds.TryParse(value) is { } refunds ? WooCommerceCsvRefunds.Format(refunds) : "unreadable";

    public override int? Email => BillingEmail;

    public override string EmailHashName => EmailHashHeader;
}
