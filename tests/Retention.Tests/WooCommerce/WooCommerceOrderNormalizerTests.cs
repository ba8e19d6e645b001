using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Customers;
using Retention.Core.Orders;
using Retention.Core.Events;
using Retention.Core.WooCommerce;

namespace Retention.Tests.WooCommerce;

public class WooCommerceOrderNormalizerTests
{
    private const string Salt = "salt-for-tests";
    private static readonly ShopContext UsdShop = new("woo-shop", "USD", Salt);

    private static byte[] Changed(Action<JsonObject> change)
    {
        var order = JsonNode.Parse(WooCommerceReference.OrderBody())!.AsObject();
        change(order);
        return JsonSerializer.SerializeToUtf8Bytes(order);
    }

    private static NormalizedOrder Ok(byte[] body, ShopContext? shop = null)
    {
        var result = WooCommerceOrderNormalizer.Normalize(body, shop ?? UsdShop, "delivery-1");
        Assert.True(result.Problem is null, result.Problem?.ToString());
        return result.Order!;
    }

    private static EventProblem Problem(byte[] body, ShopContext? shop = null) =>
        WooCommerceOrderNormalizer.Normalize(body, shop ?? UsdShop, "delivery-1").Problem
        ?? throw new Xunit.Sdk.XunitException("expected a problem");

    [Fact]
    public void The_shared_order_normalizes_to_what_the_file_says()
    {
        // From the file: id 727, customer_id 0 with billing e-mail john.doe@example.com (a guest), created
        // 2017-03-22T19:28:02 GMT, modified 19:28:08 GMT, USD, total "29.35", status processing, no refunds.
        var order = Ok(WooCommerceReference.OrderBody());

        var expected = new NormalizedOrder("woo-shop", "727", CustomerKey.FromEmail("john.doe@example.com", Salt),
            new DateTimeOffset(2017, 3, 22, 19, 28, 2, TimeSpan.Zero), new DateTimeOffset(2017, 3, 22, 19, 28, 8, TimeSpan.Zero),
            "USD", 29.35m, OrderStatus.Paid, null, [], false, "woocommerce", "delivery-1");
        Assert.Equal(expected with { Refunds = [] }, order with { Refunds = [], Lines = [], Channel = OrderChannel.Unknown, DiscountCodes = [], Country = null });
        Assert.Empty(order.Refunds);
        Assert.Equal(TimeSpan.Zero, order.OrderedAt.Offset);
    }

    [Fact]
    public void A_registered_customer_is_keyed_by_customer_id_and_a_guest_by_the_salted_email()
    {
        Assert.Equal("c:42", Ok(Changed(o => o["customer_id"] = 42)).CustomerKey);
        Assert.Equal("c:42", Ok(Changed(o => o["customer_id"] = "42")).CustomerKey);

        var guest = Ok(Changed(o => o["billing"]!["email"] = "  John.Doe@Example.com ")).CustomerKey;
        Assert.Equal(CustomerKey.FromEmail("john.doe@example.com", Salt), guest);
        Assert.NotEqual(guest, Ok(WooCommerceReference.OrderBody(), UsdShop with { CustomerIdSalt = "other" }).CustomerKey);

        Assert.Equal("customer_id", Problem(Changed(o => o["billing"]!["email"] = "")).Field);
        Assert.Equal("customer_id", Problem(Changed(o => o.Remove("billing"))).Field);
        Assert.Equal("billing.email", Problem(Changed(o => o["billing"]!["email"] = "no-at-sign")).Field);
    }

    [Theory]
    [InlineData("completed", OrderStatus.Fulfilled)]
    [InlineData("processing", OrderStatus.Paid)]
    [InlineData("on-hold", OrderStatus.Pending)]
    [InlineData("pending", OrderStatus.Pending)]
    [InlineData("failed", OrderStatus.Failed)]
    [InlineData("cancelled", OrderStatus.Cancelled)]
    [InlineData("refunded", OrderStatus.Refunded)]
    public void Statuses_map_to_the_pipeline_statuses(string wire, OrderStatus status)
    {
        var order = Ok(Changed(o => o["status"] = wire));
        Assert.Equal(status, order.Status);
        Assert.Equal(status == OrderStatus.Cancelled ? new DateTimeOffset(2017, 3, 22, 19, 28, 8, TimeSpan.Zero) : null, order.CancelledAt);
    }

    [Fact]
    public void Not_purchases_and_unknown_statuses()
    {
        foreach (var wire in new[] { "on-hold", "pending", "failed", "cancelled" })
            Assert.False(Ok(Changed(o => o["status"] = wire)).Status.CanBePurchase(), wire);
        Assert.Equal("status", Problem(Changed(o => o["status"] = "shipped")).Field);
        Assert.Equal("status", Problem(Changed(o => o.Remove("status"))).Field);
    }

    [Fact]
    public void Refunds_are_positive_amounts_dated_at_the_modification()
    {
        var modified = new DateTimeOffset(2017, 3, 25, 8, 0, 0, TimeSpan.Zero);
        var order = Ok(Changed(o =>
        {
            o["date_modified_gmt"] = "2017-03-25T08:00:00";
            o["refunds"] = new JsonArray(
                new JsonObject { ["id"] = 726, ["reason"] = "damaged", ["total"] = "-10.00" },
                new JsonObject { ["id"] = 730, ["reason"] = "", ["total"] = "-5.35" });
        }));

        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal([new OrderRefund("726", 10.00m, modified), new OrderRefund("730", 5.35m, modified)], order.Refunds);
        Assert.Equal(15.35m, order.RefundedBy(modified));
    }

    [Fact]
    public void A_refunded_order_without_itemized_refunds_is_refunded_in_full()
    {
        var order = Ok(Changed(o => o["status"] = "refunded"));
        Assert.Equal(29.35m, order.Refunds.Sum(r => r.Amount));

        var itemized = Ok(Changed(o =>
        {
            o["status"] = "refunded";
            o["refunds"] = new JsonArray(new JsonObject { ["id"] = 726, ["total"] = "-29.35" });
        }));
        Assert.Equal([new OrderRefund("726", 29.35m, itemized.UpdatedAt)], itemized.Refunds);
    }

    [Fact]
    public void Refunds_beyond_the_total_or_malformed_are_problems()
    {
        Assert.Equal("refunds", Problem(Changed(o => o["refunds"] = new JsonArray(new JsonObject { ["id"] = 1, ["total"] = "-30.00" }))).Field);
        Assert.Equal("refunds[0].total", Problem(Changed(o => o["refunds"] = new JsonArray(new JsonObject { ["id"] = 1, ["total"] = "ten" }))).Field);
        Assert.Equal("refunds[0].id", Problem(Changed(o => o["refunds"] = new JsonArray(new JsonObject { ["total"] = "-1.00" }))).Field);
    }

    [Fact]
    public void A_currency_other_than_the_shops_is_a_problem_on_currency()
    {
        var problem = Problem(WooCommerceReference.OrderBody(), UsdShop with { Currency = "EUR" });
        Assert.Equal("currency", problem.Field);
        Assert.Contains("EUR", problem.Message);
    }

    [Fact]
    public void Dates_without_offset_are_utc_and_bad_dates_are_named()
    {
        Assert.Equal("date_created_gmt", Problem(Changed(o => o["date_created_gmt"] = "22/03/2017")).Field);
        Assert.Equal("date_created_gmt", Problem(Changed(o => o.Remove("date_created_gmt"))).Field);
        Assert.Equal("date_modified_gmt", Problem(Changed(o => o["date_modified_gmt"] = "2017-03-22T19:00:00")).Field);
        var unmodified = Ok(Changed(o => o.Remove("date_modified_gmt")));
        Assert.Equal(unmodified.OrderedAt, unmodified.UpdatedAt);
        Assert.Equal("$", Problem(Encoding.UTF8.GetBytes("webhook_id=12")).Field);
        Assert.Equal("$", Problem(Encoding.UTF8.GetBytes("{\"id\":727,\"id\":728}")).Field);
    }

    [Fact]
    public void The_archived_copy_has_no_personal_data_and_normalizes_to_the_same_order()
    {
        var body = Changed(o =>
        {
            o["customer_ip_address"] = "203.0.113.9";
            o["customer_user_agent"] = "Mozilla/5.0 Secret-Agent";
            o["customer_note"] = "leave at the door";
            o["refunds"] = new JsonArray(new JsonObject { ["id"] = 726, ["reason"] = "John was unhappy", ["total"] = "-10.00" });
        });
        var order = Ok(body);

        var archived = WooCommerceEventRedactor.Redact(body, order);

        var text = Encoding.UTF8.GetString(archived);
        foreach (var personal in new[] { "John", "Doe", "example.com", "969 Market", "San Francisco", "94103", "555", "203.0.113.9",
                     "Mozilla", "door", "unhappy" })
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(WooCommerceReference.Described(order), WooCommerceReference.Described(Ok(archived)));
        Assert.Equal(order.Refunds, Ok(archived).Refunds);

        var registered = Changed(o => o["customer_id"] = 42);
        var registeredOrder = Ok(registered);
        var registeredArchive = WooCommerceEventRedactor.Redact(registered, registeredOrder);
        // A registered customer's billing address keeps its country only (the shipping one is read first; both are kept).
        Assert.Contains("\"billing\":{\"country\":\"US\"}", Encoding.UTF8.GetString(registeredArchive));
        Assert.Equal(WooCommerceReference.Described(registeredOrder), WooCommerceReference.Described(Ok(registeredArchive)));
    }
}
