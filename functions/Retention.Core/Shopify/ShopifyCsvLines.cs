using System.Globalization;
using System.Text.Json;
using Retention.Core.Events;
using Retention.Core.Import;
using Retention.Core.Orders;

namespace Retention.Core.Shopify;

/// <summary>
/// How the export's line item, code, country and channel columns become the webhook fields the normalizer reads
/// (<c>docs/import.md</c>, <c>shopify-csv</c>). The export has no product or variant id: a line's product is
/// <see cref="SkuPrefix"/> + its <c>Lineitem sku</c>, else <see cref="NamePrefix"/> + its <c>Lineitem name</c>, ids that
/// cannot be taken for a Shopify product id (always a number), so an imported line never joins a webhook line's
/// product by accident.
/// </summary>
internal static class ShopifyCsvLines
{
    public const string SkuPrefix = "sku:";
    public const string NamePrefix = "name:";

    public static void Write(Utf8JsonWriter json, ShopifyCsvLineColumns c, IReadOnlyList<string> first, IReadOnlyList<CsvRecord> following)
    {
        var lines = following.Select(r => r.Values).Prepend(first).Where(c.HasLineItem).ToList();
        if (lines.Count > 0)
        {
            json.WriteStartArray("line_items");
            foreach (var values in lines) WriteLine(json, c, values);
            json.WriteEndArray();
        }

        var codes = Cell(first, c.DiscountCode).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (codes.Length > 0)
        {
            json.WriteStartArray("discount_codes");
            foreach (var code in codes)
            {
                json.WriteStartObject();
                json.WriteString("code", code);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        // Shipping's country, else billing's; a country the table cannot name leaves the order's country unknown
        // rather than taking the other address's.
        var shipping = Cell(first, c.ShippingCountry);
        var (address, country) = shipping.Length > 0 ? ("shipping_address", shipping) : ("billing_address", Cell(first, c.BillingCountry));
        if (country.Length > 0 && CountryCode.FromName(country) is var countryCode && countryCode != CountryCode.Unknown)
        {
            json.WriteStartObject(address);
            json.WriteString("country_code", countryCode);
            json.WriteEndObject();
        }

        WriteIfAny(json, "source_name", Cell(first, c.Source));
        WriteIfAny(json, "referring_site", Cell(first, c.ReferringSite));
        WriteIfAny(json, "landing_site", Cell(first, c.LandingSite));
    }

    private static void WriteLine(Utf8JsonWriter json, ShopifyCsvLineColumns c, IReadOnlyList<string> values)
    {
        var name = Cell(values, c.Name);
        var sku = Cell(values, c.Sku);
        json.WriteStartObject();
        if (sku.Length > 0) json.WriteString("product_id", SkuPrefix + sku);
        else if (name.Length > 0) json.WriteString("product_id", NamePrefix + OrderLine.CutTitle(name));
        WriteIfAny(json, "sku", sku);
        WriteIfAny(json, "title", name);
        var quantity = Cell(values, c.Quantity);
        if (int.TryParse(quantity, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) json.WriteNumber("quantity", whole);
        else WriteIfAny(json, "quantity", quantity); // refused by the normalizer, naming the line's quantity
        WriteIfAny(json, "price", Cell(values, c.Price));
        if (Cell(values, c.Discount) is { Length: > 0 } discount)
        {
            json.WriteStartArray("discount_allocations");
            json.WriteStartObject();
            json.WriteString("amount", discount);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>A problem with one of these fields in the export's terms: <c>Lineitem quantity of line item 2: must be a whole number</c>.</summary>
    public static string InColumnTerms(EventProblem problem)
    {
        var field = problem.Field;
        if (field == "line_items") return $"the order has more line items than one order may hold ({OrderLine.MaxPerOrder.ToString(CultureInfo.InvariantCulture)}): {problem.Message}";
        if (field.StartsWith("line_items[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(field["line_items[".Length..close], CultureInfo.InvariantCulture);
            var column = field[(close + 1)..].TrimStart('.') switch
            {
                var f when f.StartsWith("quantity", StringComparison.Ordinal) => "Lineitem quantity",
                var f when f.StartsWith("price", StringComparison.Ordinal) => "Lineitem price",
                var f when f.StartsWith("discount_allocations", StringComparison.Ordinal) => "Lineitem discount",
                var f when f.StartsWith("title", StringComparison.Ordinal) => "Lineitem name",
                "sku" => "Lineitem sku",
                _ => "Lineitem sku or Lineitem name",
            };
            return $"{column} of line item {(index + 1).ToString(CultureInfo.InvariantCulture)}: {problem.Message}";
        }
        var name = field switch
        {
            "landing_site" => "Landing Site",
            "referring_site" => "Referring Site",
            "source_name" => "Source",
            _ => "Discount Code",
        };
        return $"{name}: {problem.Message}";
    }

    private static string Cell(IReadOnlyList<string> values, int? column) => column is { } c ? values[c].Trim() : "";

    private static void WriteIfAny(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length > 0) json.WriteString(name, value);
    }
}
