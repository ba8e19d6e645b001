using Retention.Core.Import;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>
/// Where each column the import reads is in Shopify's orders export (Orders → Export in the Shopify admin, see
/// <c>docs/import.md</c>), found by name in any order. The export writes one line per line item and the order's
/// own columns on the first line only, so a line with the same <c>Name</c> (and the same or no <c>Id</c>) as the
/// line before it is a further line item of that order. Its many other columns (names, streets, cities, zips, phones,
/// notes) are passed over and never archived. The archived copy names <c>Email hash</c> in place of <c>Email</c>,
/// keeps of <c>Landing Site</c> only its utm parameters and of <c>Referring Site</c> only its host.
/// </summary>
public sealed record ShopifyCsvColumns(
    int Count,
    int Id,
    int Name,
    int? EmailAddress,
    int? EmailHashColumn,
    int FinancialStatus,
    int? FulfillmentStatus,
    int Currency,
    int Total,
    int CreatedAt,
    int? PaidAt,
    int? FulfilledAt,
    int? CancelledAt,
    int? RefundedAmount,
    int? PaymentMethod,
    ShopifyCsvLineColumns Lines) : ExportCsvLayout(Count)
{
    public const string Format = "shopify-csv";
    public const string EmailHashHeader = "Email hash";

    public static readonly IReadOnlyList<string> Required = ["Id", "Name", "Email", "Financial Status", "Currency", "Total", "Created at"];
    public static readonly IReadOnlyList<string> Optional =
        ["Fulfillment Status", "Paid at", "Fulfilled at", "Cancelled at", "Refunded Amount", "Payment Method", .. ShopifyCsvLineColumns.Names];

    /// <exception cref="InvalidDataException">the header lacks a column the import cannot do without, or repeats one it reads.</exception>
    public static ShopifyCsvColumns FromHeader(IReadOnlyList<string> names)
    {
        var header = CsvHeader.Read(names);
        var hashed = header.Find(EmailHashHeader) is not null;
        var missing = header.Missing(Required.Where(name => !(hashed && name == "Email")));
        if (missing.Count > 0)
            throw new InvalidDataException($"the header lacks the required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; " +
                                           $"a {Format} file is Shopify's orders export (Orders → Export in the Shopify admin), " +
                                           $"whose header names {string.Join(", ", Required)} among its columns");
        return new ShopifyCsvColumns(header.Count, header.Get("Id"), header.Get("Name"), header.Find("Email"), header.Find(EmailHashHeader),
            header.Get("Financial Status"), header.Find("Fulfillment Status"), header.Get("Currency"), header.Get("Total"),
            header.Get("Created at"), header.Find("Paid at"), header.Find("Fulfilled at"), header.Find("Cancelled at"),
            header.Find("Refunded Amount"), header.Find("Payment Method"), ShopifyCsvLineColumns.FromHeader(header));
    }

    public override int OrderId => Id;

    public override bool Continues(IReadOnlyList<string> first, IReadOnlyList<string> following)
    {
        var id = following[Id].Trim();
        return following[Name].Trim() == first[Name].Trim() && (id.Length == 0 || id == first[Id].Trim());
    }

    public override IReadOnlyList<(string Name, int Column)> Archived =>
    [
        .. new (string, int?)[]
        {
            ("Id", Id), ("Name", Name), (EmailHashHeader, EmailHashColumn), ("Financial Status", FinancialStatus),
            ("Fulfillment Status", FulfillmentStatus), ("Currency", Currency), ("Total", Total), ("Created at", CreatedAt),
            ("Paid at", PaidAt), ("Fulfilled at", FulfilledAt), ("Cancelled at", CancelledAt), ("Refunded Amount", RefundedAmount),
            ("Payment Method", PaymentMethod),
        }.Concat(Lines.Archived).Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!.Value)),
    ];

    public override string Redact(int column, string value) =>
        column == Lines.LandingSite ? ShopifyChannelReader.UtmOnly(value.Trim()) ?? ""
        : column == Lines.ReferringSite ? (value.Trim().Length == 0 ? "" : OrderChannel.HostOf(value) ?? "")
        : value;

    public override int? Email => EmailAddress;

    public override string EmailHashName => EmailHashHeader;
}
