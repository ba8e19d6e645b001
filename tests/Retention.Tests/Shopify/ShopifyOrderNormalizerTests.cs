using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Events;
using Retention.Core.Shopify;

namespace Retention.Tests.Shopify;

public class ShopifyOrderNormalizerTests
{
    private const string Salt = "test-salt";
    private static readonly ShopContext Shop = new("shopify-shop", "USD", Salt);
    private static readonly DateTimeOffset SampleTime = new(2021, 12, 31, 19, 0, 0, TimeSpan.FromHours(-5));

    private static OrderNormalization Normalize(string json) => ShopifyOrderNormalizer.Normalize(Encoding.UTF8.GetBytes(json), Shop, "wh-1");

    /// <summary>The documented sample with some top-level fields replaced (null removes the field).</summary>
    private static string Sample(Action<JsonObject> change)
    {
        var order = JsonNode.Parse(ShopifySamples.OrdersCreate)!.AsObject();
        change(order);
        return order.ToJsonString();
    }

    private static string Paid(Action<JsonObject>? more = null) => Sample(o =>
    {
        o["cancelled_at"] = null;
        o["cancel_reason"] = null;
        o["financial_status"] = "paid";
        o["test"] = false;
        more?.Invoke(o);
    });

    [Fact]
    public void The_documented_orders_create_sample_normalizes_to_the_fields_read_from_it_by_hand()
    {
        var result = Normalize(ShopifySamples.OrdersCreate);

        Assert.Null(result.Problem);
        var order = result.Order!;
        Assert.Equal("shopify-shop", order.ShopId);
        Assert.Equal("820982911946154508", order.OrderId);
        Assert.Equal("c:115310627314723954", order.CustomerKey);
        Assert.Equal(SampleTime, order.OrderedAt);
        Assert.Equal(SampleTime, order.UpdatedAt);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(414.95m, order.Total); // current_total_price, no refunds to add back
        Assert.Equal(OrderStatus.Cancelled, order.Status); // cancelled_at is set (financial_status voided)
        Assert.Equal(SampleTime, order.CancelledAt);
        Assert.Empty(order.Refunds);
        Assert.True(order.IsTest);
        Assert.Equal("shopify", order.Platform);
        Assert.Equal("wh-1", order.SourceEventId);
    }

    [Fact]
    public void A_guest_order_is_keyed_by_the_salted_email_and_falls_back_to_contact_email()
    {
        var guest = Normalize(Paid(o => { o["customer"] = null; o["email"] = " Jon@Example.com "; }));
        Assert.Equal(CustomerKey.FromEmail("jon@example.com", Salt), guest.Order!.CustomerKey);

        var contactOnly = Normalize(Paid(o => { o.Remove("customer"); o["email"] = ""; o["contact_email"] = "jon@example.com"; }));
        Assert.Equal(CustomerKey.FromEmail("jon@example.com", Salt), contactOnly.Order!.CustomerKey);

        var nobody = Normalize(Paid(o => { o.Remove("customer"); o.Remove("email"); o.Remove("contact_email"); }));
        Assert.Equal("customer", nobody.Problem!.Field);
    }

    [Fact]
    public void A_test_order_is_marked_and_a_live_one_is_not()
    {
        Assert.True(Normalize(Paid(o => o["test"] = true)).Order!.IsTest);
        Assert.False(Normalize(Paid()).Order!.IsTest);
        Assert.False(Normalize(Paid(o => o.Remove("test"))).Order!.IsTest);
    }

    [Theory]
    [InlineData("paid", null, OrderStatus.Paid)]
    [InlineData("paid", "fulfilled", OrderStatus.Fulfilled)]
    [InlineData("partially_paid", null, OrderStatus.Paid)]
    [InlineData("partially_refunded", null, OrderStatus.Paid)]
    [InlineData("pending", null, OrderStatus.Pending)]
    [InlineData("authorized", null, OrderStatus.Pending)]
    [InlineData("voided", null, OrderStatus.Failed)]
    [InlineData("expired", null, OrderStatus.Pending)]
    public void Financial_status_maps_to_the_order_status(string financial, string? fulfillment, OrderStatus expected)
    {
        var order = Normalize(Paid(o => { o["financial_status"] = financial; o["fulfillment_status"] = fulfillment; })).Order!;
        Assert.Equal(expected, order.Status);
        Assert.Null(order.CancelledAt);
    }

    [Fact]
    public void A_cancelled_order_is_cancelled_whatever_its_financial_status()
    {
        var order = Normalize(Paid(o => o["cancelled_at"] = "2022-01-02T08:00:00+01:00")).Order!;
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(new DateTimeOffset(2022, 1, 2, 8, 0, 0, TimeSpan.FromHours(1)), order.CancelledAt);
        Assert.False(order.Status.CanBePurchase());
    }

    /// <summary>A refund as in the documented refunds/create sample (two successful refund transactions, 75.00 and 10.00),
    /// plus a failed and a non-refund transaction that must not count.</summary>
    private static JsonObject Refund(string id, string at) => new()
    {
        ["id"] = long.Parse(id, CultureInfo.InvariantCulture),
        ["created_at"] = at,
        ["note"] = "Things were damaged",
        ["transactions"] = new JsonArray(
            new JsonObject { ["kind"] = "refund", ["status"] = "success", ["amount"] = "75.00", ["currency"] = null },
            new JsonObject { ["kind"] = "refund", ["status"] = "success", ["amount"] = "10.00", ["currency"] = "USD" },
            new JsonObject { ["kind"] = "refund", ["status"] = "failure", ["amount"] = "99.00" },
            new JsonObject { ["kind"] = "sale", ["status"] = "success", ["amount"] = "414.95" }),
    };

    [Fact]
    public void A_partially_refunded_order_keeps_its_total_and_dates_each_refund()
    {
        var order = Normalize(Paid(o =>
        {
            o["financial_status"] = "partially_refunded";
            o["updated_at"] = "2022-01-05T10:00:00-05:00";
            o["current_total_price"] = "329.95"; // 414.95 less the 85.00 refunded
            o["refunds"] = new JsonArray(Refund("890088186047892319", "2022-01-05T09:00:00-05:00"));
        })).Order!;

        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(414.95m, order.Total);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal(new OrderRefund("890088186047892319", 85.00m, new DateTimeOffset(2022, 1, 5, 9, 0, 0, TimeSpan.FromHours(-5))), refund);
        Assert.Equal(0m, order.RefundedBy(new DateTimeOffset(2022, 1, 5, 13, 59, 0, TimeSpan.Zero)));
        Assert.Equal(85m, order.RefundedBy(new DateTimeOffset(2022, 1, 5, 14, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_fully_refunded_order_nets_to_zero()
    {
        var order = Normalize(Paid(o =>
        {
            o["financial_status"] = "refunded";
            o["current_total_price"] = "0.00";
            o["total_price"] = "85.00";
            o["refunds"] = new JsonArray(Refund("1", "2022-01-05T09:00:00-05:00"));
        })).Order!;
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(85m, order.Total);
        Assert.Equal(order.Total, order.RefundedBy(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Refunds_in_the_buyers_currency_are_converted_with_the_orders_own_rate()
    {
        var order = Normalize(Paid(o =>
        {
            o["presentment_currency"] = "EUR";
            o["current_total_price"] = "150.00";
            o["total_price_set"] = JsonNode.Parse("""{"shop_money":{"amount":"200.00","currency_code":"USD"},"presentment_money":{"amount":"160.00","currency_code":"EUR"}}""");
            o["refunds"] = JsonNode.Parse("""[{"id":7,"created_at":"2022-01-05T09:00:00Z","transactions":[{"kind":"refund","status":"success","amount":"40.00","currency":"EUR"}]}]""");
        })).Order!;
        Assert.Equal(50.00m, order.Refunds.Single().Amount);
        Assert.Equal(200.00m, order.Total);
    }

    [Theory]
    [InlineData("currency", "\"EUR\"", "currency")]
    [InlineData("created_at", "\"2021-12-31 19:00\"", "created_at")]
    [InlineData("current_total_price", "\"abc\"", "current_total_price")]
    [InlineData("id", "null", "id")]
    [InlineData("customer", "{\"id\":1.5}", "customer.id")]
    [InlineData("refunds", "[{\"id\":1,\"created_at\":\"2022-01-01T00:00:00Z\",\"transactions\":[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"-1\"}]}]",
        "refunds[0].transactions[0].amount")]
    public void A_bad_field_is_named(string field, string json, string expectedField)
    {
        var result = Normalize(Paid(o => o[field] = JsonNode.Parse(json)));
        Assert.Null(result.Order);
        Assert.Equal(expectedField, result.Problem!.Field);
    }

    [Fact]
    public void The_archived_copy_keeps_no_personal_data_and_normalizes_to_the_same_order()
    {
        foreach (var body in new[]
                 {
                     ShopifySamples.OrdersCreate,
                     Paid(o => { o["customer"] = null; o["refunds"] = new JsonArray(Refund("5", "2022-01-05T09:00:00Z")); }),
                 })
        {
            var delivered = Normalize(body).Order!;
            var archived = ShopifyEventRedactor.Redact(Encoding.UTF8.GetBytes(body), delivered);
            var text = Encoding.UTF8.GetString(archived);

            foreach (var personal in new[] { "jon@", "john@", "example.com", "Steve", "Shipper", "Smith", "Elm St", "Ottawa", "555-555", "123-123",
                         "Shipping Street", "Shippington", "40003", "Kentucky", "Shipping Company", "Things were damaged", "authenticate", "tag1", "first_name", "browser_ip" })
                Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);

            var again = ShopifyOrderNormalizer.Normalize(archived, Shop, "wh-1");
            Assert.Null(again.Problem);
            NormalizedOrders.AssertSame(delivered, again.Order!);
        }
    }

    [Fact]
    public void The_documented_refunds_create_sample_is_a_refund_of_85_for_its_order()
    {
        var result = ShopifyRefundNormalizer.Normalize(Encoding.UTF8.GetBytes(ShopifySamples.RefundsCreate), Shop, "wh-r");
        Assert.Null(result.Problem);
        Assert.Equal(new ShopifyRefund("shopify-shop", "820982911946154508",
            new OrderRefund("890088186047892319", 85.00m, SampleTime), "wh-r"), result.Refund);

        var archived = ShopifyRefundNormalizer.Redact(Encoding.UTF8.GetBytes(ShopifySamples.RefundsCreate));
        Assert.DoesNotContain("damaged", Encoding.UTF8.GetString(archived), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(result.Refund, ShopifyRefundNormalizer.Normalize(archived, Shop, "wh-r").Refund);
    }
}
