using System.Text;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Feedback;
using Retention.Core.Orders;
using Retention.Core.Generic;

namespace Retention.Tests.Feedback;

public class FeedbackNormalizerTests
{
    private static readonly ShopContext Shop = new("shop-one", "EUR", "salt-one");

    private const string Valid = """
        {"answer_id":"ans-1","survey_id":"nps-2025-q1","customer":{"id":"c-42"},"kind":"nps","score":9,
         "comment":"fast delivery","reason":"price","reason_text":"cheaper elsewhere","submitted_at":"2025-03-01T10:15:00+01:00"}
        """;

    private static FeedbackNormalization Normalize(string json, ShopContext? shop = null) =>
        FeedbackNormalizer.Normalize(Encoding.UTF8.GetBytes(json), shop ?? Shop, "evt-1");

    /// <summary>The valid event with one field replaced by raw JSON, or removed when <paramref name="rawValue"/> is null.</summary>
    private static string With(string field, string? rawValue)
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        if (rawValue is null) body.Remove(field);
        else body[field] = JsonNode.Parse(rawValue);
        return body.ToJsonString();
    }

    [Fact]
    public void A_full_event_normalizes_every_field()
    {
        var response = Normalize(Valid).Response!;
        Assert.Equal(new FeedbackResponse("shop-one", "ans-1", "nps-2025-q1", "c:c-42", FeedbackKind.Nps, 9, "fast delivery",
            ReasonForLeaving.Price, "cheaper elsewhere", new DateTimeOffset(2025, 3, 1, 10, 15, 0, TimeSpan.FromHours(1)), "evt-1"), response);
    }

    [Fact]
    public void A_minimal_csat_event_with_integer_ids_normalizes_without_optional_fields()
    {
        var response = Normalize("""
            {"answer_id":17,"survey_id":2025,"customer":{"id":42},"kind":"csat","score":5,"submitted_at":"2025-03-01T10:15:00Z","comment":null}
            """).Response!;
        Assert.Equal(("17", "2025", "c:42", FeedbackKind.Csat, 5), (response.AnswerId, response.SurveyId, response.CustomerKey, response.Kind, response.Score));
        Assert.Null(response.Comment);
        Assert.Null(response.Reason);
        Assert.Null(response.ReasonText);
    }

    [Theory]
    [InlineData("nps", 0)]
    [InlineData("nps", 10)]
    [InlineData("csat", 1)]
    [InlineData("csat", 5)]
    public void The_ends_of_each_scale_are_accepted(string kind, int score)
    {
        var response = Normalize(With("kind", $"\"{kind}\"").Replace("\"score\":9", $"\"score\":{score}")).Response!;
        Assert.Equal(score, response.Score);
    }

    [Theory]
    [InlineData("price", ReasonForLeaving.Price)]
    [InlineData("quality", ReasonForLeaving.Quality)]
    [InlineData("delivery", ReasonForLeaving.Delivery)]
    [InlineData("service", ReasonForLeaving.Service)]
    [InlineData("assortment", ReasonForLeaving.Assortment)]
    [InlineData("other", ReasonForLeaving.Other)]
    public void Every_reason_is_read(string wire, ReasonForLeaving reason) =>
        Assert.Equal(reason, Normalize(With("reason", $"\"{wire}\"")).Response!.Reason);

    [Fact]
    public void Free_text_may_span_lines_and_use_tabs_up_to_2000_characters_and_blank_text_is_no_text()
    {
        Assert.Equal("line one\r\nline two\tend", Normalize(With("comment", "\"line one\\r\\nline two\\tend\"")).Response!.Comment);
        Assert.Equal(2000, Normalize(With("reason_text", $"\"{new string('x', 2000)}\"")).Response!.ReasonText!.Length);
        Assert.Null(Normalize(With("comment", "\"\"")).Response!.Comment);
        Assert.Null(Normalize(With("reason_text", "\"  \\n \"")).Response!.ReasonText);
    }

    [Theory]
    [InlineData("answer_id", null, "answer_id")]
    [InlineData("answer_id", "1.5", "answer_id")]
    [InlineData("answer_id", "\"\"", "answer_id")]
    [InlineData("answer_id", "true", "answer_id")]
    [InlineData("survey_id", null, "survey_id")]
    [InlineData("survey_id", "{}", "survey_id")]
    [InlineData("customer", null, "customer")]
    [InlineData("customer", "{}", "customer")]
    [InlineData("customer", "\"c-42\"", "customer")]
    [InlineData("customer", "{\"id\":1.5}", "customer.id")]
    [InlineData("customer", "{\"email\":\"not-an-address\"}", "customer.email")]
    [InlineData("customer", "{\"email_hash\":\"ABC\"}", "customer.email_hash")]
    [InlineData("kind", null, "kind")]
    [InlineData("kind", "\"NPS\"", "kind")]
    [InlineData("kind", "\"ces\"", "kind")]
    [InlineData("score", null, "score")]
    [InlineData("score", "11", "score")]
    [InlineData("score", "-1", "score")]
    [InlineData("score", "9.5", "score")]
    [InlineData("score", "9.0", "score")]
    [InlineData("score", "\"9\"", "score")]
    [InlineData("score", "1e1", "score")]
    [InlineData("score", "99999999999", "score")]
    [InlineData("reason", "\"Price\"", "reason")]
    [InlineData("reason", "\"shipping\"", "reason")]
    [InlineData("reason", "1", "reason")]
    [InlineData("comment", "5", "comment")]
    [InlineData("comment", "\"ring \\u0007 bell\"", "comment")]
    [InlineData("reason_text", "\"nul \\u0000\"", "reason_text")]
    [InlineData("reason_text", "[\"a\"]", "reason_text")]
    [InlineData("submitted_at", null, "submitted_at")]
    [InlineData("submitted_at", "\"2025-03-01T10:15:00\"", "submitted_at")]
    [InlineData("submitted_at", "\"yesterday\"", "submitted_at")]
    [InlineData("submitted_at", "1740824100", "submitted_at")]
    public void A_bad_field_is_named(string field, string? rawValue, string expectedField)
    {
        var result = Normalize(With(field, rawValue));
        Assert.Null(result.Response);
        Assert.Equal(expectedField, result.Problem!.Field);
    }

    [Theory]
    [InlineData("kind", "\"csat\"")] // the valid event's score 9 is off the 1–5 scale
    public void The_score_is_checked_against_the_scale_of_its_kind(string field, string rawValue) =>
        Assert.Equal("score", Normalize(With(field, rawValue)).Problem!.Field);

    [Fact]
    public void Text_over_2000_characters_is_refused() =>
        Assert.Equal("comment", Normalize(With("comment", $"\"{new string('x', 2001)}\"")).Problem!.Field);

    [Fact]
    public void A_body_that_is_not_one_json_object_of_text_is_a_problem_on_the_root()
    {
        static string Nested(int depth) => new string('[', depth) + new string(']', depth);
        var bodies = new[]
        {
            Encoding.UTF8.GetBytes("[1]"),
            Encoding.UTF8.GetBytes("{\"answer_id\":"),
            Encoding.UTF8.GetBytes(With("comment", Nested(16))), // root object + 16 levels = 17
            [.. Encoding.UTF8.GetBytes("{\"answer_id\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")],
            Encoding.UTF8.GetBytes(Valid.Replace("\"score\":9", "\"score\":9,\"score\":2")),
            Encoding.UTF8.GetBytes(Valid.Replace("fast delivery", "half \\ud800 pair")),
        };
        foreach (var body in bodies)
        {
            var result = FeedbackNormalizer.Normalize(body, Shop, "evt-1");
            Assert.Null(result.Response);
            Assert.Equal("$", result.Problem!.Field);
        }
    }

    [Fact]
    public void Json_nested_16_deep_is_still_read()
    {
        // The root object is level 1; 15 nested arrays inside it reach 16, the limit.
        var result = Normalize(With("unknown", new string('[', 15) + new string(']', 15)));
        Assert.NotNull(result.Response);
    }

    [Fact]
    public void Guests_are_keyed_by_the_shop_salted_hash_of_the_normalized_email_as_their_orders_are()
    {
        string Key(string email, string salt) =>
            Normalize(With("customer", $$"""{"email":"{{email}}"}"""), Shop with { CustomerIdSalt = salt }).Response!.CustomerKey;

        var key = Key("Ann.Smith@Example.com", "s1");
        Assert.Equal(CustomerKey.FromEmail("ann.smith@example.com", "s1"), key);
        Assert.Equal(key, Key("  ann.smith@EXAMPLE.com ", "s1"));
        Assert.NotEqual(key, Key("Ann.Smith@Example.com", "s2"));
        Assert.DoesNotContain("ann", key, StringComparison.OrdinalIgnoreCase);

        var order = GenericOrderNormalizer.Normalize(Encoding.UTF8.GetBytes(
            """{"order_id":"1","customer":{"email":"ann.smith@example.com"},"ordered_at":"2025-03-01T10:15:00Z","total":1}"""),
            Shop with { CustomerIdSalt = "s1" }, "o").Order!;
        Assert.Equal(order.CustomerKey, key);
    }

    [Fact]
    public void The_archived_copy_of_a_guest_answer_keeps_the_text_drops_the_address_and_normalizes_the_same()
    {
        var delivered = Encoding.UTF8.GetBytes(With("customer", """{"email":"ann@example.com","name":"Ann Smith","phone":"+49 30 1234"}""")
            .Replace("\"answer_id\"", "\"ip\":\"203.0.113.7\",\"answer_id\""));
        var response = FeedbackNormalizer.Normalize(delivered, Shop, "evt-9").Response!;

        var archived = FeedbackRedactor.Redact(delivered, response);
        var text = Encoding.UTF8.GetString(archived);
        Assert.DoesNotContain("ann@example.com", text);
        Assert.DoesNotContain("Ann Smith", text);
        Assert.DoesNotContain("1234", text);
        Assert.DoesNotContain("203.0.113.7", text);
        Assert.Contains("\"email_hash\":\"" + response.CustomerKey[2..] + "\"", text);
        Assert.Contains("fast delivery", text);
        Assert.Contains("cheaper elsewhere", text);

        // Another salt proves the hash is read as it is, not hashed again.
        Assert.Equal(response, FeedbackNormalizer.Normalize(archived, Shop with { CustomerIdSalt = "other" }, "evt-9").Response);
    }

    [Fact]
    public void The_archived_copy_of_a_known_customer_keeps_the_id_and_normalizes_the_same()
    {
        var delivered = Encoding.UTF8.GetBytes(With("customer", """{"id":42,"email":"ann@example.com"}"""));
        var response = FeedbackNormalizer.Normalize(delivered, Shop, "evt-9").Response!;
        var archived = FeedbackRedactor.Redact(delivered, response);

        Assert.DoesNotContain("ann@example.com", Encoding.UTF8.GetString(archived));
        Assert.Equal("c:42", response.CustomerKey);
        Assert.Equal(response, FeedbackNormalizer.Normalize(archived, Shop, "evt-9").Response);
    }
}
