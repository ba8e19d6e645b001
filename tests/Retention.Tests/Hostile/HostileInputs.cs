using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Retention.Tests.Hostile;

/// <summary>A generated body and how it was made, shown when a property fails.</summary>
public sealed record HostileInput(string How, byte[] Body)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        return $"{How}: {(text.Length > 600 ? text[..600] + "…" : text)}";
    }
}

/// <summary>
/// FsCheck generators of hostile bodies: random bytes, random runs of JSON tokens, and one to three random mutations
/// of a route's valid body (a value swapped for a hostile or an ordinary one, a field removed, repeated, renamed or
/// added, bytes cut, dropped, inserted or flipped). Mutations of a valid body reach the readers behind the parser,
/// and some of them leave a valid, if odd, event, so the accepting path is exercised too.
/// </summary>
public static class HostileInputs
{
    private const string Marker = "\"@@mutation@@\"";

    /// <summary>Values to put anywhere: past every range, of every wrong type, and some valid ones of each field's kind.</summary>
    private static readonly string[] Values =
    [
        "1e400", "-1e400", "1e-400", "-0", "0", "-1", "1.5", "9", "11", "1000000001", "1234567890123456789012345678901234567890",
        "\"NaN\"", "\"Infinity\"", "\"1e400\"", "\"59.90\"", "\"-5\"", "\"0.0000000000000000000000000001\"", "\"5\\u0000\"",
        "{}", "[]", "[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]", "\"\"", "\" \"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"a\\u0007b\"",
        "null", "true", "false", "\"2025-03-01T10:00:00Z\"", "\"2025-03-05T10:00:00+01:00\"", "\"2024-12-31T23:59:59Z\"",
        "\"2025-02-30T10:00:00Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"2025-03-01T10:00:00\"", "\"2025-03\"",
        "\"EUR\"", "\"USD\"", "\"eur\"", "\"paid\"", "\"refunded\"", "\"cancelled\"", "\"pending\"", "\"processing\"", "\"csat\"", "\"nps\"",
        "\"price\"", "{\"id\":\"c-2\"}", "{\"email\":\"Guest@Example.org\"}", "{\"email_hash\":\"" + new string('a', 64) + "\"}",
        "[{\"id\":\"r-1\",\"amount\":\"10.00\",\"refunded_at\":\"2025-03-02T10:00:00Z\"}]",
        "[{\"id\":\"r-1\",\"amount\":\"100.00\",\"refunded_at\":\"2025-03-02T10:00:00Z\"},{\"id\":\"r-1\",\"amount\":\"1\",\"refunded_at\":\"2025-03-02T10:00:00Z\"}]",
        "[{\"id\":1,\"created_at\":\"2025-03-02T10:00:00Z\",\"transactions\":[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"5.00\"}]}]",
        "[{\"id\":726,\"total\":\"-10.00\"}]", "\"" + new string('x', 3000) + "\"",
    ];

    private static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(b => (byte)b);

    private static readonly Gen<string> Value = Gen.Frequency(
        (6, Gen.Elements(Values)),
        (1, Gen.Choose(-100_000, 100_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.ArrayOf(Gen.Choose(32, 126).Select(c => (char)c)).Select(chars => System.Text.Json.JsonSerializer.Serialize(new string(chars)))));

    public static Gen<HostileInput> RandomBytes { get; } =
        from length in Gen.Choose(0, 400)
        from bytes in Gen.ArrayOf(AnyByte, length)
        select new HostileInput("random bytes", bytes);

    /// <summary>Runs of JSON's own tokens in any order: closer to JSON than random bytes, so the parser goes deeper.</summary>
    public static Gen<HostileInput> RandomTokens { get; } =
        from count in Gen.Choose(0, 60)
        from tokens in Gen.ArrayOf(Gen.Frequency(
            (4, Gen.Elements("{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "d800", " ", "\n")),
            (2, Gen.Elements("\"order_id\"", "\"total\"", "\"score\"", "\"month\"", "\"id\"", "\"customer\"", "\"amount\"")),
            (2, Value)), count)
        select new HostileInput("random tokens", Encoding.UTF8.GetBytes(string.Concat(tokens)));

    /// <summary>One to three mutations of the route's valid body.</summary>
    public static Gen<HostileInput> Mutations(SignedRoute route) =>
        from count in Gen.Choose(1, 3)
        from result in Mutate(new HostileInput("valid", route.Body()), count)
        select result;

    public static Gen<HostileInput> Anything(SignedRoute route) => Gen.Frequency((1, RandomBytes), (1, RandomTokens), (4, Mutations(route)));

    private static Gen<HostileInput> Mutate(HostileInput input, int times) =>
        times == 0 ? Gen.Constant(input) : MutateOnce(input).SelectMany(next => Mutate(next, times - 1));

    private static Gen<HostileInput> MutateOnce(HostileInput input)
    {
        var bytes = ByteMutation(input);
        Field[] fields;
        try
        {
            fields = JsonNode.Parse(input.Body) is JsonObject root ? [.. Fields(root)] : [];
        }
        catch (Exception)
        {
            // Not JSON (any more), or JSON that JsonNode will not hold (a repeated field, a lone surrogate): bytes only.
            fields = [];
        }
        if (fields.Length == 0) return bytes;
        return Gen.Frequency(
            (4, from at in Gen.Elements(fields) from value in Value select Set(input, at, value, $"{at.Name} = {value}")),
            (1, from at in Gen.Elements(fields) select Edit(input, at, o => o.Remove(at.Name), $"{at.Name} removed")),
            (1, from at in Gen.Elements(fields) from value in Value
                select Set(input, at, $"{at.Value},\"{at.Name}\":{value}", $"{at.Name} repeated as {value}")),
            (1, from at in Gen.Elements(fields) from name in Gen.Elements(at.Name.ToUpperInvariant(), " " + at.Name, at.Name + "\u0000", "x")
                select Edit(input, at, o => { var v = o[at.Name]; o.Remove(at.Name); o[name] = v; }, $"{at.Name} renamed '{name}'")),
            (1, from at in Gen.Elements(fields) from value in Value
                select Set(input, at with { Name = "unknown_" + at.Name }, value, $"unknown_{at.Name} = {value} added")),
            (1, bytes));
    }

    /// <summary>A field of some object in the body: the object's JSON path (as JsonNode.GetPath gives it), its name and value.</summary>
    private sealed record Field(string Owner, string Name, string Value);

    private static IEnumerable<Field> Fields(JsonObject owner)
    {
        foreach (var (name, value) in owner.ToList())
        {
            yield return new Field(owner.GetPath(), name, value?.ToJsonString() ?? "null");
            if (value is JsonObject inner) foreach (var field in Fields(inner)) yield return field;
            if (value is JsonArray array) foreach (var item in array.OfType<JsonObject>()) foreach (var field in Fields(item)) yield return field;
        }
    }

    /// <summary>The body with the field's value replaced by raw JSON text (any text: it need not be JSON).</summary>
    private static HostileInput Set(HostileInput input, Field at, string raw, string how)
    {
        var root = JsonNode.Parse(input.Body)!.AsObject();
        Resolve(root, at.Owner)[at.Name] = JsonNode.Parse(Marker);
        var text = root.ToJsonString().Replace(Marker, raw, StringComparison.Ordinal);
        return new HostileInput($"{input.How}; {how}", Encoding.UTF8.GetBytes(text));
    }

    private static HostileInput Edit(HostileInput input, Field at, Action<JsonObject> edit, string how)
    {
        var root = JsonNode.Parse(input.Body)!.AsObject();
        edit(Resolve(root, at.Owner));
        return new HostileInput($"{input.How}; {how}", Encoding.UTF8.GetBytes(root.ToJsonString()));
    }

    /// <summary>The object at a path such as <c>$.a.b[0]</c> or <c>$['a b']</c>.</summary>
    private static JsonObject Resolve(JsonObject root, string path)
    {
        JsonNode node = root;
        foreach (System.Text.RegularExpressions.Match step in System.Text.RegularExpressions.Regex.Matches(path, @"\.([^.\[]+)|\['([^']*)'\]|\[(\d+)\]"))
            node = step.Groups[3].Success ? node[int.Parse(step.Groups[3].Value, CultureInfo.InvariantCulture)]! : node[step.Groups[1].Success ? step.Groups[1].Value : step.Groups[2].Value]!;
        return node.AsObject();
    }

    private static Gen<HostileInput> ByteMutation(HostileInput input)
    {
        var body = input.Body;
        if (body.Length == 0) return AnyByte.Select(b => new HostileInput($"{input.How}; byte {b} inserted", new[] { b }));
        return Gen.OneOf(
            Gen.Choose(0, body.Length - 1).Select(at => new HostileInput($"{input.How}; cut at {at}", body[..at])),
            Gen.Choose(0, body.Length - 1).Select(at => new HostileInput($"{input.How}; byte {at} dropped", [.. body[..at], .. body[(at + 1)..]])),
            from at in Gen.Choose(0, body.Length) from b in AnyByte
            select new HostileInput($"{input.How}; byte {b} inserted at {at}", [.. body[..at], b, .. body[at..]]),
            from at in Gen.Choose(0, body.Length - 1) from bit in Gen.Choose(0, 7)
            select new HostileInput($"{input.How}; bit {bit} of byte {at} flipped", Flip(body, at, bit)));
    }

    private static byte[] Flip(byte[] body, int at, int bit)
    {
        var copy = body.ToArray();
        copy[at] ^= (byte)(1 << bit);
        return copy;
    }
}
