using System.Text;
using Retention.Core.Orders;
using Retention.Core.Events;
using Retention.Core.Generic;

namespace Retention.Tests.Generic;

public class GenericOrderNormalizerTests
{
    private static readonly ShopContext Shop = new("shop-one", "EUR", "salt-one");

    private static OrderNormalization Normalize(string json, ShopContext? shop = null) =>
        GenericOrderNormalizer.Normalize(Encoding.UTF8.GetBytes(json), shop ?? Shop, "evt-1");

    private const string Valid = """
        {"order_id":"1001","customer":{"id":"c-42"},"ordered_at":"2025-03-01T10:15:00+01:00","total":"59.90","currency":"EUR"}
        """;

    [Fact]
    public void A_minimal_event_normalizes_with_exact_money_and_defaults()
    {
        var order = Normalize(Valid).Order!;
        Assert.Equal("1001", order.OrderId);
        Assert.Equal("c:c-42", order.CustomerKey);
        Assert.Equal(59.90m, order.Total);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 15, 0, TimeSpan.Zero), order.OrderedAt);
        Assert.Equal(order.OrderedAt, order.UpdatedAt);
        Assert.Equal("evt-1", order.SourceEventId);
        Assert.False(order.IsTest);
    }

    [Fact]
    public void Guests_are_keyed_by_a_salted_hash_of_the_normalized_email_never_the_address()
    {
        string Key(string email, string salt) => Normalize(
            $$"""{"order_id":"1","customer":{"email":"{{email}}"},"ordered_at":"2025-03-01T10:15:00Z","total":1}""",
            Shop with { CustomerIdSalt = salt }).Order!.CustomerKey;

        var key = Key("Ann.Smith@Example.com", "s1");
        Assert.StartsWith("e:", key);
        Assert.DoesNotContain("ann", key, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(key, Key("  ann.smith@example.COM ", "s1"));
        Assert.NotEqual(key, Key("Ann.Smith@Example.com", "s2"));
        Assert.NotEqual(key, Key("bob@example.com", "s1"));
    }

    [Fact]
    public void An_archived_guest_event_carries_the_hash_and_normalizes_to_the_same_key()
    {
        var delivered = Encoding.UTF8.GetBytes("""{"order_id":"1","customer":{"email":"a@b.c","name":"A B"},"ordered_at":"2025-03-01T10:15:00Z","total":1,"note":"x"}""");
        var order = GenericOrderNormalizer.Normalize(delivered, Shop, "e").Order!;
        var archived = GenericEventRedactor.Redact(delivered, order);
        var text = Encoding.UTF8.GetString(archived);
        Assert.DoesNotContain("a@b.c", text);
        Assert.DoesNotContain("A B", text);
        Assert.DoesNotContain("note", text);
        var again = GenericOrderNormalizer.Normalize(archived, Shop, "e").Order!;
        Assert.Equal(order, again with { Refunds = order.Refunds, Lines = order.Lines, DiscountCodes = order.DiscountCodes });
    }

    [Fact]
    public void A_refunded_status_without_itemized_refunds_refunds_the_rest_on_the_update_day()
    {
        var order = Normalize("""
            {"order_id":"9","customer":{"id":7},"ordered_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-09T00:00:00Z",
             "total":"100","status":"refunded","refunds":[{"id":"r1","amount":"30","refunded_at":"2025-01-05T00:00:00Z"}]}
            """).Order!;
        Assert.Equal("c:7", order.CustomerKey);
        Assert.Equal(100m, order.Refunds.Sum(r => r.Amount));
        Assert.Equal(new DateTimeOffset(2025, 1, 9, 0, 0, 0, TimeSpan.Zero), order.Refunds[^1].RefundedAt);
    }

    [Fact]
    public void A_cancelled_order_without_cancelled_at_is_cancelled_when_updated()
    {
        var order = Normalize("""
            {"order_id":"9","customer":{"id":"x"},"ordered_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-02T00:00:00Z","total":5,"status":"cancelled"}
            """).Order!;
        Assert.Equal(order.UpdatedAt, order.CancelledAt);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[1,2]", "$")]
    [InlineData("""{"customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1"}""", "order_id")]
    [InlineData("""{"order_id":"","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1"}""", "order_id")]
    [InlineData("""{"order_id":1.5,"customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1"}""", "order_id")]
    [InlineData("""{"order_id":"1","ordered_at":"2025-03-01T10:15:00Z","total":"1"}""", "customer")]
    [InlineData("""{"order_id":"1","customer":{},"ordered_at":"2025-03-01T10:15:00Z","total":"1"}""", "customer")]
    [InlineData("""{"order_id":"1","customer":{"email":"nobody"},"ordered_at":"2025-03-01T10:15:00Z","total":"1"}""", "customer.email")]
    [InlineData("""{"order_id":"1","customer":{"email_hash":"ABC"},"ordered_at":"2025-03-01T10:15:00Z","total":"1"}""", "customer.email_hash")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00","total":"1"}""", "ordered_at")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"yesterday","total":"1"}""", "ordered_at")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","updated_at":"2025-02-01T10:15:00Z","total":"1"}""", "updated_at")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z"}""", "total")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"abc"}""", "total")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"NaN"}""", "total")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"-1"}""", "total")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":1e300}""", "total")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":true}""", "total")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1","currency":"USD"}""", "currency")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1","status":"shipped"}""", "status")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1","test":"yes"}""", "test")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1","refunds":{}}""", "refunds")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1","refunds":[{"amount":"1"}]}""", "refunds[0].refunded_at")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1","refunds":[{"amount":"2","refunded_at":"2025-03-02T00:00:00Z"}]}""", "refunds")]
    [InlineData("""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1","cancelled_at":"2025-03-02T00:00:00Z"}""", "cancelled_at")]
    public void An_invalid_event_names_the_offending_field(string json, string field)
    {
        var result = Normalize(json);
        Assert.Null(result.Order);
        Assert.Equal(field, result.Problem!.Field);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem.Message));
    }

    [Fact]
    public void Deeply_nested_and_invalid_utf8_bodies_are_refused_as_a_whole()
    {
        var nested = new string('[', 5000) + new string(']', 5000);
        Assert.Equal("$", Normalize(nested).Problem!.Field);
        var invalidUtf8 = GenericOrderNormalizer.Normalize(new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, Shop, "e");
        Assert.Equal("$", invalidUtf8.Problem!.Field);
    }

    [Fact]
    public void The_writer_and_the_normalizer_agree()
    {
        var refunds = new[] { new OrderRefund("r", 2.5m, new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero)) };
        var body = GenericOrderEventWriter.Write("77", new GenericOrderEventWriter.Customer("c-1", null),
            new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero),
            "EUR", 12.5m, OrderStatus.Fulfilled, refunds);
        var order = GenericOrderNormalizer.Normalize(body, Shop, "e").Order!;
        Assert.Equal(("77", "c:c-1", 12.5m, OrderStatus.Fulfilled), (order.OrderId, order.CustomerKey, order.Total, order.Status));
        Assert.Equal(refunds, order.Refunds);
    }
}
