using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Import;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>
/// Reads Shopify's orders export (<c>shopify-csv</c>, <c>docs/import.md</c>): each order's lines become the
/// Shopify order a webhook would carry (the order's columns from its first line, a line item from each line, see
/// <see cref="ShopifyCsvLines"/>) and go through <see cref="ShopifyOrderNormalizer"/>, so its status, cancellation,
/// total, customer key, lines, codes, country and channel follow the webhooks' rules.
/// </summary>
/// <remarks>
/// The export has no customer id (a webhook keys a customer with an account by <c>customer.id</c>), so every
/// customer is keyed by the salted hash of <c>Email</c>, the key a webhook gives a guest. It has no
/// <c>updated_at</c> and no refund dates either: the order's version and its refund are dated at the latest time the
/// line shows (<c>Created at</c>, <c>Paid at</c>, <c>Fulfilled at</c>, <c>Cancelled at</c>), which any webhook
/// sent after those events outdates.
/// </remarks>
public sealed class ShopifyCsvOrderReader : PlatformCsvOrderReader<ShopifyCsvColumns>
{
    public const string Format = ShopifyCsvColumns.Format;

    /// <summary>The id of the one refund an imported order can have: the export gives only the amount refunded in all.</summary>
    public const string RefundId = "export-refunded-amount";

    private ShopifyCsvOrderReader(IEnumerator<CsvRecord> records, ShopifyCsvColumns columns, ShopContext shop, TimeZoneInfo timeZone, string source)
        : base(records, columns, shop, timeZone, source)
    {
    }

    /// <param name="text">the file, from its first byte.</param>
    /// <param name="timeZone">the shop's: a time the export gives without an offset is wall-clock time there.</param>
    /// <param name="source">names the file in each order's <c>SourceEventId</c> (<c>{source}#L{line}</c>).</param>
    /// <exception cref="InvalidDataException">the file has no readable header of the format.</exception>
    public static ShopifyCsvOrderReader Open(TextReader text, ShopContext shop, TimeZoneInfo timeZone, string source)
    {
        var (records, header) = ExportHeader.Read(text, Format);
        return new ShopifyCsvOrderReader(records, ShopifyCsvColumns.FromHeader(header), shop, timeZone, source);
    }

    /// <summary>The orders in the file (lines of further line items are not counted); checks the header first.</summary>
    public static long CountRows(TextReader text, CancellationToken cancellationToken)
    {
        var (records, header) = ExportHeader.Read(text, Format);
        return ExportCsvFile.Count(records, ShopifyCsvColumns.FromHeader(header), cancellationToken);
    }

    /// <summary>What is archived of the file: see <see cref="ExportCsvFile.WriteArchiveCopy"/>.</summary>
    public static void WriteArchiveCopy(TextReader text, TextWriter copy, ShopContext shop)
    {
        var (records, header) = ExportHeader.Read(text, Format);
        ExportCsvFile.WriteArchiveCopy(records, ShopifyCsvColumns.FromHeader(header), shop.CustomerIdSalt, copy);
    }

    protected override string OrderIdName => "Id";

    protected override OrderNormalization Normalize(ReadOnlyMemory<byte> body, ShopContext shop, string sourceEventId) =>
        ShopifyOrderNormalizer.Normalize(body, shop, sourceEventId);

    protected override string? WriteEvent(Utf8JsonWriter json, IReadOnlyList<string> values) => WriteEvent(json, values, []);

    protected override string? WriteEvent(Utf8JsonWriter json, IReadOnlyList<string> values, IReadOnlyList<CsvRecord> following)
    {
        var c = Columns;
        DateTimeOffset? createdAt = null, paidAt = null, fulfilledAt = null, cancelledAt = null;
        var problem = ReadTime("Created at", Cell(values, c.CreatedAt), ref createdAt)
                      ?? ReadTime("Paid at", Cell(values, c.PaidAt), ref paidAt)
                      ?? ReadTime("Fulfilled at", Cell(values, c.FulfilledAt), ref fulfilledAt)
                      ?? ReadTime("Cancelled at", Cell(values, c.CancelledAt), ref cancelledAt);
        if (problem is not null) return problem;
        // The latest time the line shows: the export has no updated_at, and no date for its refunds.
        var latest = new[] { createdAt, paidAt, fulfilledAt, cancelledAt }.Max();

        json.WriteStartObject();
        WriteIfAny(json, "id", Cell(values, c.Id));
        WriteIfAny(json, "email", Cell(values, c.EmailAddress));
        WriteIfAny(json, "email_hash", Cell(values, c.EmailHashColumn));
        if (createdAt is { } created)
        {
            json.WriteString("created_at", ExportTime.ToRfc3339(created));
            json.WriteString("updated_at", ExportTime.ToRfc3339(latest!.Value));
        }
        WriteIfAny(json, "currency", Cell(values, c.Currency));
        // Shopify's Total is the order's total before refunds (what total_price holds); the refunds are Refunded Amount.
        WriteIfAny(json, "total_price", Cell(values, c.Total));
        WriteIfAny(json, "financial_status", Cell(values, c.FinancialStatus).ToLowerInvariant());
        WriteIfAny(json, "fulfillment_status", Cell(values, c.FulfillmentStatus).ToLowerInvariant());
        if (cancelledAt is { } cancelled) json.WriteString("cancelled_at", ExportTime.ToRfc3339(cancelled));
        if (Cell(values, c.RefundedAmount) is { Length: > 0 } refunded && latest is { } refundedAt)
        {
            json.WriteStartArray("refunds");
            json.WriteStartObject();
            json.WriteString("id", RefundId);
            json.WriteString("created_at", ExportTime.ToRfc3339(refundedAt));
            json.WriteStartArray("transactions");
            json.WriteStartObject();
            json.WriteString("kind", "refund");
            json.WriteString("status", "success");
            json.WriteString("amount", refunded);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        if (IsTest(Cell(values, c.PaymentMethod))) json.WriteBoolean("test", true);
        ShopifyCsvLines.Write(json, c.Lines, values, following);
        json.WriteEndObject();
        return null;
    }

    /// <summary>
    /// Orders paid through Shopify's Bogus Gateway, the gateway Shopify provides for test orders (every order made
    /// while it is active is a test order). Test orders made in Shopify Payments' test mode cannot be told apart in
    /// the export. Several gateways are joined with " + ".
    /// </summary>
    private static bool IsTest(string paymentMethod) =>
        paymentMethod.Split('+').Select(g => g.Trim()).Any(g =>
            g.Equals("bogus", StringComparison.OrdinalIgnoreCase) || g.Contains("bogus gateway", StringComparison.OrdinalIgnoreCase));

    protected override string InColumnTerms(EventProblem problem) => problem.Field switch
    {
        "id" => "Id: " + problem.Message,
        "customer" => "Email: is empty, so the order cannot be attributed to a customer (the export has no customer id)",
        "email" => "Email: " + problem.Message,
        "email_hash" => ShopifyCsvColumns.EmailHashHeader + ": " + problem.Message,
        "created_at" => "Created at: " + problem.Message,
        "updated_at" => "Paid at, Fulfilled at or Cancelled at: " + problem.Message,
        "currency" => "Currency: " + problem.Message,
        "total_price" or "current_total_price" => "Total: " + problem.Message,
        "financial_status" => "Financial Status: " + problem.Message,
        "fulfillment_status" => "Fulfillment Status: " + problem.Message,
        "cancelled_at" => "Cancelled at: " + problem.Message,
        "refunds" => "Refunded Amount: is more than the order's Total",
        "line_items" or "discount_codes" or "landing_site" or "referring_site" or "source_name" => ShopifyCsvLines.InColumnTerms(problem),
        var field when field.StartsWith("line_items[", StringComparison.Ordinal) || field.StartsWith("discount_codes[", StringComparison.Ordinal)
            => ShopifyCsvLines.InColumnTerms(problem),
        var field when field.StartsWith("refunds[", StringComparison.Ordinal) => "Refunded Amount: " + problem.Message,
        "$" => problem.Message,
        _ => problem.ToString(),
    };
}
