using System.Text;

namespace Retention.Tests.Hostile;

/// <summary>
/// One damaged body and what the route must answer: refused with 400 naming <see cref="Field"/> (null: any field), or,
/// where the damage still leaves a valid event (<c>-0</c> is zero), accepted like any valid delivery.
/// </summary>
public sealed record HostileBody(string Name, byte[] Body, string? Field, bool Accepted = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// The corpus of hostile bodies, made from each route's own valid body so that each case breaks one thing: the
/// document (truncated, nested 10,000 deep, not UTF-8, a BOM, duplicate or lone-surrogate text), the amount (numbers
/// past every range, NaN in both spellings, wrong types), the id, the time, an unknown field, or (generic event) its lines,
/// channel, discount codes and country.
/// </summary>
public static class HostileBodies
{
    public static IEnumerable<HostileBody> For(SignedRoute route)
    {
        var valid = route.Body();
        var json = route.Json();
        HostileBody Document(string name, byte[] body) => new(name, body, "$");
        HostileBody Amount(string name, string raw) => new("amount " + name, route.Body(amount: raw), route.AmountField);
        HostileBody Time(string name, string raw) => new("time " + name, route.Body(time: raw), route.TimeField);

        // The document as a whole.
        yield return Document("empty body", []);
        yield return Document("white space only", " \r\n\t "u8.ToArray());
        foreach (var cut in new[] { 1, valid.Length / 3, valid.Length / 2, valid.Length - 1 })
            yield return Document($"truncated to {cut} bytes", valid[..cut]);
        yield return Document("nested 10,000 deep (arrays)", Ascii(new string('[', 10_000) + new string(']', 10_000)));
        yield return Document("nested 10,000 deep (objects)", Ascii(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return Document("nested 10,000 deep inside the amount", route.Body(amount: new string('[', 10_000) + new string(']', 10_000)));
        yield return Document("an unknown field nested one level past the limit of 16", route.Body(extra: ",\"x\":" + new string('[', 16) + new string(']', 16)));
        yield return Document("JSON null", "null"u8.ToArray());
        yield return Document("a JSON array of the event", Ascii("[" + json + "]"));
        yield return Document("a JSON string", "\"{}\""u8.ToArray());
        yield return Document("a bare 1e400", "1e400"u8.ToArray());
        yield return Document("two events back to back", Ascii(json + json));
        yield return Document("a NUL byte after the event", [.. valid, 0]);
        yield return Document("a comment before the event", Ascii("/* hi */" + json));
        yield return Document("a trailing comma", route.Body(extra: ","));
        yield return Document("single-quoted strings", Ascii(json.Replace('"', '\'')));
        yield return Document("the amount field given twice", route.Body(extra: $",\"{route.AmountField}\":{route.Valid.Amount}"));
        yield return Document("the amount field given twice, once escaped", route.Body(extra: $",\"{Escaped(route.AmountField)}\":{route.Valid.Amount}"));
        yield return Document("an unknown field given twice", route.Body(extra: ",\"x\":1,\"x\":2"));
        yield return Document("a UTF-8 byte order mark", [0xEF, 0xBB, 0xBF, .. valid]);
        yield return Document("UTF-16 with its byte order mark", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(json)]);
        yield return Document("invalid UTF-8 in a string", Replace(route.Body(extra: ",\"x\":\"ab\""), "ab"u8, [0xC3, 0x28]));
        yield return Document("invalid UTF-8 in a field name", Replace(route.Body(extra: ",\"ab\":1"), "ab"u8, [0xFF, 0xFE]));
        yield return Document("an overlong UTF-8 encoding", Replace(route.Body(extra: ",\"x\":\"ab\""), "ab"u8, [0xC0, 0xAF]));
        yield return Document("a surrogate encoded as UTF-8 bytes", Replace(route.Body(extra: ",\"x\":\"ab\""), "ab"u8, [0xED, 0xA0, 0x80]));
        yield return Document("a lone surrogate escape in an unknown field", route.Body(extra: ",\"x\":\"\\ud800\""));
        yield return Document("a lone low surrogate escape in an unknown field", route.Body(extra: ",\"x\":\"a\\udc00b\""));
        yield return Document("a lone surrogate escape in a field name", route.Body(extra: ",\"\\ud800\":1"));
        yield return Document("an amount with a lone surrogate escape", route.Body(amount: "\"5\\ud800\""));
        yield return Document("a bare NaN amount", route.Body(amount: "NaN"));
        yield return Document("a bare Infinity amount", route.Body(amount: "Infinity"));
        yield return Document("a bare -Infinity amount", route.Body(amount: "-Infinity"));
        yield return Document("an amount with leading zeros", route.Body(amount: "0059"));
        yield return Document("a hex amount", route.Body(amount: "0x10"));

        // The amount (a score on the feedback route): every number past the ranges, and wrong types.
        yield return Amount("1e400", "1e400");
        yield return Amount("-1e400", "-1e400");
        yield return Amount("a 40-digit integer", "1234567890123456789012345678901234567890");
        yield return Amount("a 40-digit negative integer", "-1234567890123456789012345678901234567890");
        yield return Amount("\"NaN\"", "\"NaN\"");
        yield return Amount("\"Infinity\"", "\"Infinity\"");
        yield return Amount("\"-Infinity\"", "\"-Infinity\"");
        yield return Amount("\"1e400\"", "\"1e400\"");
        yield return Amount("negative", "-5");
        yield return Amount("past the maximum", "1000000001");
        yield return Amount("an object", "{\"value\":5}");
        yield return Amount("an array", "[5]");
        yield return Amount("true", "true");
        yield return Amount("a decimal comma", "\"59,90\"");
        yield return Amount("padded with spaces", "\" 5 \"");
        yield return Amount("with a NUL", "\"5\\u0000\"");
        yield return Amount("an empty string", "\"\"");
        // Numbers that are valid after all: -0 is zero, and 1e-400 rounds to zero as an exact decimal. Zero is no score.
        var zeroIsValid = route != SignedRoute.Feedback;
        yield return new HostileBody("amount -0", route.Body(amount: "-0"), null, Accepted: true);
        yield return new HostileBody("amount 1e-400", route.Body(amount: "1e-400"), zeroIsValid ? null : route.AmountField, Accepted: zeroIsValid);
        if (route == SignedRoute.Feedback) yield return Amount("a score as text", "\"9\"");
        else yield return new HostileBody("amount 1e-400 as text", route.Body(amount: "\"1e-400\""), null, Accepted: true);

        // The id (spend has none: its entry id is the delivery id).
        if (route.IdField is { } idField)
        {
            HostileBody Id(string name, string raw) => new("id " + name, route.Body(id: raw), idField);
            yield return Id("an object", "{\"id\":1}");
            yield return Id("an array", "[1]");
            yield return Id("a 40-digit integer", "1234567890123456789012345678901234567890");
            yield return Id("a fraction", "1.5");
            yield return Id("in exponent form", "1e3");
            yield return Id("an empty string", "\"\"");
            yield return Id("257 characters", "\"" + new string('x', 257) + "\"");
            yield return Id("a control character", "\"a\\u0007b\"");
            yield return Id("null", "null");
            yield return Document("id with a lone surrogate", route.Body(id: "\"\\ud800\""));
            // Valid ids that must survive storage keys and blob metadata unharmed.
            yield return new HostileBody("id with key-unsafe characters", route.Body(id: "\"a/b\\\\c#d?e%f'g\""), null, Accepted: true);
            yield return new HostileBody("id outside the BMP", route.Body(id: "\"\\ud83d\\ude00\""), null, Accepted: true);
        }

        foreach (var platform in PlatformSpecific(route)) yield return platform;

        // The time (a month on the spend route).
        yield return Time("a number", "1735689600");
        yield return Time("not a date", "\"yesterday\"");
        yield return Time("the 30th of February", "\"2025-02-30T10:00:00Z\"");
        yield return Time("before the year 1", "\"0001-01-01T00:00:00+14:00\"");
        yield return Time("after the year 9999", "\"9999-12-31T23:59:59-14:00\"");
        yield return Time("in 1989", "\"1989-12-31T10:00:00Z\"");
        yield return Time("100,000 characters", "\"" + new string('9', 100_000) + "\"");
        yield return Time("an object", "{}");
    }

    private static IEnumerable<HostileBody> PlatformSpecific(SignedRoute route)
    {
        if (route == SignedRoute.Generic)
        {
            foreach (var facet in GenericFacets(route)) yield return facet;
            yield break;
        }
        if (route != SignedRoute.Shopify) yield break;
        // The redactor keeps total_price although the normalizer reads current_total_price first: text the reader
        // never unescaped still reaches the archive's writer.
        yield return new HostileBody("a lone surrogate in total_price, which is archived but not read",
            Encoding.UTF8.GetBytes(route.Json().Replace("\"total_price\":\"59.90\"", "\"total_price\":\"\\ud800\"")), "$");
        // A refund in the buyer's currency is converted at total_price_set's rate; a presentment total of 1e-28
        // makes that rate 1e37, past decimal's range.
        var multiCurrency = route.Json().Replace("\"refunds\":[]",
            "\"presentment_currency\":\"USD\",\"total_price_set\":{\"shop_money\":{\"amount\":\"1000000000\",\"currency_code\":\"EUR\"}," +
            "\"presentment_money\":{\"amount\":\"0.0000000000000000000000000001\",\"currency_code\":\"USD\"}}," +
            "\"refunds\":[{\"id\":1,\"created_at\":\"2025-03-02T10:00:00Z\",\"transactions\":[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"5.00\",\"currency\":\"USD\"}]}]");
        yield return new HostileBody("an exchange rate past decimal's range", Encoding.UTF8.GetBytes(multiCurrency), "total_price_set.presentment_money.amount");
    }

    /// <summary>
    /// The generic event's lines, channel, codes and country (docs/events.md): arrays past their caps, wrong types, long
    /// strings and codes that are no country. A long title is cut, not refused, so it is accepted; Shopify's and
    /// WooCommerce's readers of the same facts have their own cases in ShopifyOrderFacetsTests and WooCommerceOrderFacetsTests.
    /// </summary>
    private static IEnumerable<HostileBody> GenericFacets(SignedRoute route)
    {
        const string line = """{"product_id":"p","quantity":1,"amount":"1"}""";
        HostileBody Case(string name, string extra, string field) => new(name, route.Body(extra: extra), field);
        HostileBody Line(string name, string fields, string field) =>
            Case("a line with " + name, $$""","line_items":[{{line}},{"product_id":"p","amount":"1"{{fields}}}]""", field);

        yield return Case("1,001 line items", ",\"line_items\":[" + string.Join(',', Enumerable.Repeat(line, 1001)) + "]", "line_items");
        yield return Case("line items as an object", ",\"line_items\":{\"0\":" + line + "}", "line_items");
        yield return Line("its quantity as a string", ",\"quantity\":\"1\"", "line_items[1].quantity");
        yield return Line("its quantity as an object", ",\"quantity\":{\"value\":1}", "line_items[1].quantity");
        yield return Line("a quantity of 1e9", ",\"quantity\":1000000000", "line_items[1].quantity");
        yield return Line("a 40-digit quantity", ",\"quantity\":1234567890123456789012345678901234567890", "line_items[1].quantity");
        yield return Line("more returned than bought", ",\"quantity\":2,\"returned_quantity\":3", "line_items[1].returned_quantity");
        yield return Line("a 10,000-character sku", $",\"quantity\":1,\"sku\":\"{new string('s', 10_000)}\"", "line_items[1].sku");
        yield return Line("a title with a control character", ",\"quantity\":1,\"title\":\"a\\u0007b\"", "line_items[1].title");
        yield return Case("a line with a product id as an array", ",\"line_items\":[{\"product_id\":[1],\"quantity\":1,\"amount\":\"1\"}]",
            "line_items[0].product_id");
        yield return Case("51 discount codes",
            ",\"discount_codes\":[" + string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"c{i}\"")) + "]", "discount_codes");
        yield return Case("a 10,000-character discount code", $",\"discount_codes\":[\"a\",\"{new string('d', 10_000)}\"]", "discount_codes[1]");
        yield return Case("a discount code as an object", ",\"discount_codes\":[{\"code\":\"a\"}]", "discount_codes[0]");
        yield return Case("country XX", ",\"country\":\"XX\"", "country");
        yield return Case("country 5", ",\"country\":5", "country");
        yield return Case("country as a 10,000-character name", $",\"country\":\"{new string('D', 10_000)}\"", "country");
        yield return Case("channel as an array", ",\"channel\":[\"google\"]", "channel");
        yield return Case("a 10,000-character channel source", $",\"channel\":{{\"source\":\"{new string('g', 10_000)}\"}}", "channel.source");
        yield return Case("a channel medium as a number", ",\"channel\":{\"medium\":5}", "channel.medium");
        // Half a megabyte of title (a whole megabyte would meet the body limit, not this reader): cut, and accepted.
        yield return new HostileBody("a 500,000-character title", route.Body(extra:
            $$""","line_items":[{"product_id":"p","quantity":1,"amount":"1","title":"{{new string('t', 500_000)}}"}]"""), null, Accepted: true);
    }

    /// <summary>The field name with its first letter written as a \u escape: the same name to JSON.</summary>
    private static string Escaped(string name) => $"\\u{(int)name[0]:x4}" + name[1..];

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Replace(byte[] body, ReadOnlySpan<byte> marker, byte[] with)
    {
        var at = body.AsSpan().IndexOf(marker);
        return [.. body[..at], .. with, .. body[(at + marker.Length)..]];
    }
}
