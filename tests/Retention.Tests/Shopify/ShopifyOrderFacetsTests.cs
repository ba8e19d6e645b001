using System.Text;
using System.Text.Json.Nodes;
using Retention.Core.Events;
using Retention.Core.Orders;
using Retention.Core.Shopify;

namespace Retention.Tests.Shopify;

/// <summary>What was bought and where the customer came from, as read from a Shopify order (<c>docs/shopify.md</c>, "Lines, channel, codes and country").</summary>
public class ShopifyOrderFacetsTests
{
    private static readonly ShopContext Shop = new("shopify-shop", "USD", "test-salt");

    /// <summary>Every value of the documented sample's two addresses, and of the customer's default address.</summary>
    public static readonly string[] SampleAddressValues =
        ["Chestnut Street 92", "Louisville", "40202", "Kentucky", "Bob", "Norman", "+1(502)-459-2181", "555-625-1199", "45.41634", "-75.6868", "KY"];

    private static OrderNormalization Normalize(string json) => ShopifyOrderNormalizer.Normalize(Encoding.UTF8.GetBytes(json), Shop, "wh-1");

    private static string Sample(Action<JsonObject> change)
    {
        var order = JsonNode.Parse(ShopifyOrderResourceSample.Order)!.AsObject();
        change(order);
        return order.ToJsonString();
    }

    private static string Field(OrderNormalization result)
    {
        Assert.Null(result.Order);
        return result.Problem!.Field;
    }

    [Fact]
    public void The_documented_order_resource_sample_gives_the_lines_channel_code_and_country_read_from_it_by_hand()
    {
        var result = Normalize(ShopifyOrderResourceSample.Order);

        Assert.Null(result.Problem);
        var order = result.Order!;
        Assert.Equal(
        [
            new OrderLine("632910392", "39072856", "IPOD2008GREEN", "IPod Nano - 8gb", 1, 195.66m, 1),
            new OrderLine("632910392", "49148385", "IPOD2008RED", "IPod Nano - 8gb", 1, 195.67m, 0),
            new OrderLine("632910392", "457924702", "IPOD2008BLACK", "IPod Nano - 8gb", 1, 195.67m, 1),
        ], order.Lines);
        // No utm parameter on the landing page (source=abc is Shopify's own ref), so the referrer names the channel.
        Assert.Equal(new OrderChannel("www.otherexample.com", "referral", null, "www.otherexample.com", "web"), order.Channel);
        Assert.Equal(["tenoff"], order.DiscountCodes);
        Assert.Equal("US", order.Country);
        Assert.Equal(199.65m + 209.00m, order.Total);
    }

    [Fact]
    public void The_webhook_sample_has_a_custom_line_without_product_and_no_channel_but_its_storefront()
    {
        var order = Normalize(ShopifySamples.OrdersCreate).Order!;
        Assert.Equal(5, order.Lines.Count);
        Assert.Equal(new OrderLine(OrderLine.CustomItem, null, "LENS-PROTECT-2YR", "Lens Protection Plan (2 Year)", 1, 19.99m), order.Lines[1]);
        Assert.Equal(new OrderChannel(OrderChannel.Direct, OrderChannel.NoMedium, null, null, "web"), order.Channel);
        Assert.Empty(order.DiscountCodes);
        Assert.Equal("US", order.Country);
    }

    [Theory]
    [InlineData("/products/boots?utm_source=Google&utm_medium=cpc&utm_campaign=Spring%20Sale&gclid=abc", "https://www.google.com/search?q=boots",
        "google", "cpc", "spring sale", "www.google.com")]
    [InlineData("https://shop.example/?utm_source=news+letter&utm_medium=email#top", null, "news letter", "email", null, null)]
    [InlineData("/", "https://WWW.Facebook.com:443/l.php?u=x", "www.facebook.com", "referral", null, "www.facebook.com")]
    [InlineData(null, "not a url at all", "(direct)", "(none)", null, null)]
    public void The_channel_is_the_utm_parameters_of_the_landing_page_else_the_referrers_host(string? landing, string? referring,
        string source, string medium, string? campaign, string? host)
    {
        var order = Normalize(Sample(o => { o["landing_site"] = landing; o["referring_site"] = referring; })).Order!;
        Assert.Equal(new OrderChannel(source, medium, campaign, host, "web"), order.Channel);
    }

    [Fact]
    public void An_order_not_from_the_online_store_is_its_source_name()
    {
        var order = Normalize(Sample(o => { o["landing_site"] = null; o["referring_site"] = null; o["source_name"] = "pos"; })).Order!;
        Assert.Equal(new OrderChannel("pos", OrderChannel.NoMedium, null, null, "pos"), order.Channel);
    }

    [Fact]
    public void Line_amounts_are_the_shops_money_when_the_buyer_paid_in_another_currency()
    {
        var order = Normalize(Sample(o =>
        {
            o["presentment_currency"] = "EUR";
            o["line_items"] = JsonNode.Parse("""
                [{"id":1,"product_id":2,"variant_id":3,"title":"Boots","quantity":3,"price":"10.00",
                  "price_set":{"shop_money":{"amount":"10.00","currency_code":"USD"},"presentment_money":{"amount":"9.20","currency_code":"EUR"}},
                  "discount_allocations":[{"amount":"1.00","amount_set":{"shop_money":{"amount":"1.00","currency_code":"USD"},"presentment_money":{"amount":"0.92","currency_code":"EUR"}}},
                                          {"amount":"0.50"}]}]
                """);
        })).Order!;
        Assert.Equal(new OrderLine("2", "3", null, "Boots", 3, 28.50m), Assert.Single(order.Lines));
    }

    [Fact]
    public void Codes_are_cleaned_and_kept_once_and_the_billing_country_stands_in_for_a_missing_shipping_one()
    {
        var order = Normalize(Sample(o =>
        {
            o["discount_codes"] = JsonNode.Parse("""[{"code":" TenOff "},{"code":"tenoff"},{"code":"WELCOME"},{"code":""}]""");
            o["shipping_address"] = null;
            o["billing_address"] = JsonNode.Parse("""{"city":"Berlin","country_code":"de"}""");
        })).Order!;
        Assert.Equal(["tenoff", "welcome"], order.DiscountCodes);
        Assert.Equal("DE", order.Country);
    }

    [Fact]
    public void A_title_of_ten_thousand_characters_is_cut_to_the_longest_kept_not_refused()
    {
        var order = Normalize(Sample(o => o["line_items"]![0]!["title"] = new string('x', 10_000))).Order!;
        Assert.Equal(new string('x', OrderLine.MaxTitleLength), order.Lines[0].Title);
    }

    [Fact]
    public void More_lines_than_an_order_may_hold_are_refused_naming_line_items()
    {
        Assert.Equal("line_items", Field(Normalize(Sample(o => o["line_items"] = new JsonArray(
            [.. Enumerable.Range(1, OrderLine.MaxPerOrder + 1).Select(i => JsonNode.Parse($$"""{"id":{{i}},"product_id":1,"quantity":1,"price":"1.00"}"""))])))));
        Assert.NotNull(Normalize(Sample(o => o["line_items"] = new JsonArray(
            [.. Enumerable.Range(1, OrderLine.MaxPerOrder).Select(i => JsonNode.Parse($$"""{"id":{{i}},"product_id":1,"quantity":1,"price":"1.00"}"""))]))).Order);
    }

    [Fact]
    public void More_codes_than_an_order_may_carry_are_refused_naming_discount_codes()
    {
        Assert.Equal("discount_codes", Field(Normalize(Sample(o => o["discount_codes"] = new JsonArray(
            [.. Enumerable.Range(1, DiscountCode.MaxPerOrder + 1).Select(i => (JsonNode?)new JsonObject { ["code"] = $"C{i}" })])))));
    }

    [Theory]
    [InlineData("quantity", "\"2\"", "line_items[2].quantity")]
    [InlineData("quantity", "{\"value\":2}", "line_items[2].quantity")]
    [InlineData("quantity", "-1", "line_items[2].quantity")]
    [InlineData("quantity", "1.5", "line_items[2].quantity")]
    [InlineData("price", "\"free\"", "line_items[2].price_set.shop_money.amount")]
    [InlineData("product_id", "{}", "line_items[2].product_id")]
    [InlineData("variant_id", "[1]", "line_items[2].variant_id")]
    [InlineData("sku", "7", "line_items[2].sku")]
    [InlineData("title", "[\"a\"]", "line_items[2].title")]
    [InlineData("discount_allocations", "[{\"amount\":\"500.00\"}]", "line_items[2].discount_allocations")]
    [InlineData("discount_allocations", "{}", "line_items[2].discount_allocations")]
    public void A_bad_line_field_is_named_with_its_line(string field, string json, string expected)
    {
        Assert.Equal(expected, Field(Normalize(Sample(o =>
        {
            var line = o["line_items"]![2]!.AsObject();
            line[field] = JsonNode.Parse(json);
            if (field == "price") line["price_set"]!["shop_money"]!["amount"] = JsonNode.Parse(json);
            if (field == "discount_allocations") line.Remove("discount_allocations");
            if (field == "discount_allocations") line["discount_allocations"] = JsonNode.Parse(json);
        }))));
    }

    [Theory]
    [InlineData("line_items", "{}", "line_items")]
    [InlineData("line_items", "[1]", "line_items[0]")]
    [InlineData("discount_codes", "[{\"code\":5}]", "discount_codes[0].code")]
    [InlineData("discount_codes", "\"TENOFF\"", "discount_codes")]
    [InlineData("shipping_address", "{\"country_code\":\"XX\"}", "shipping_address.country_code")]
    [InlineData("shipping_address", "{\"country_code\":\"United States\"}", "shipping_address.country_code")]
    [InlineData("shipping_address", "\"US\"", "shipping_address")]
    [InlineData("landing_site", "{\"url\":\"x\"}", "landing_site")]
    [InlineData("landing_site", "\"/?utm_source=a%0Ab\"", "landing_site")]
    [InlineData("referring_site", "42", "referring_site")]
    [InlineData("source_name", "true", "source_name")]
    public void A_bad_field_is_named(string field, string json, string expected)
    {
        Assert.Equal(expected, Field(Normalize(Sample(o => o[field] = JsonNode.Parse(json)))));
    }

    [Fact]
    public void An_invalid_billing_country_is_named_and_long_strings_are_refused_naming_their_field()
    {
        Assert.Equal("billing_address.country_code", Field(Normalize(Sample(o =>
        {
            o["shipping_address"] = null;
            o["billing_address"]!["country_code"] = "ZZ";
        }))));
        Assert.Equal("discount_codes[1].code", Field(Normalize(Sample(o =>
            o["discount_codes"] = JsonNode.Parse($$"""[{"code":"ok"},{"code":"{{new string('c', DiscountCode.MaxLength + 1)}}"}]""")))));
        Assert.Equal("landing_site", Field(Normalize(Sample(o => o["landing_site"] = "/?utm_source=" + new string('a', 5000)))));
        Assert.Equal("line_items[0].sku", Field(Normalize(Sample(o => o["line_items"]![0]!["sku"] = new string('s', 256)))));
    }

    [Fact]
    public void The_archived_copy_holds_nothing_of_the_addresses_and_normalizes_to_the_same_order()
    {
        foreach (var body in new[]
                 {
                     ShopifyOrderResourceSample.Order,
                     ShopifySamples.OrdersCreate,
                     Sample(o =>
                     {
                         o["customer"] = null;
                         o["landing_site"] = "/account/login?checkout_url=%2Fcheckouts%2Fabc&email=bob.norman%40mail.example.com&utm_source=Mail+Chimp&utm_campaign=b%26w";
                         o["referring_site"] = "https://mail.example.com/inbox/Bob.Norman?token=secret";
                         o["line_items"]![0]!.AsObject().Remove("title");
                     }),
                 })
        {
            var delivered = Normalize(body).Order!;
            var archived = ShopifyEventRedactor.Redact(Encoding.UTF8.GetBytes(body), delivered);
            var text = Encoding.UTF8.GetString(archived);

            var source = JsonNode.Parse(body)!.AsObject();
            foreach (var address in new[] { source["shipping_address"], source["billing_address"] }.OfType<JsonObject>())
                foreach (var (name, value) in address)
                    if (name != "country_code" && value?.ToString() is { Length: > 0 } personal)
                        Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
            foreach (var personal in SampleAddressValues.Concat(["Steve", "Shipper", "Shippington", "40003", "555-555", "Shipping Company",
                         "bob.norman", "Happy Birthday", "Merry Christmas", "it broke", "checkout", "inbox", "token", "secret", "4242", "source=abc"]))
                Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);

            var again = ShopifyOrderNormalizer.Normalize(archived, Shop, "wh-1");
            Assert.Null(again.Problem);
            NormalizedOrders.AssertSame(delivered, again.Order!);
        }
    }

    [Fact]
    public void The_archived_landing_page_keeps_only_its_utm_parameters_and_the_referrer_only_its_host()
    {
        var body = Sample(o =>
        {
            o["landing_site"] = "/products/boots?ref=bob&utm_medium=email&utm_source=Mail%20Chimp&fbclid=x";
            o["referring_site"] = "https://l.facebook.com:8443/l.php?u=https%3A%2F%2Fshop";
        });
        var archived = JsonNode.Parse(ShopifyEventRedactor.Redact(Encoding.UTF8.GetBytes(body), Normalize(body).Order!))!;
        Assert.Equal("?utm_source=Mail%20Chimp&utm_medium=email", archived["landing_site"]!.GetValue<string>());
        Assert.Equal("l.facebook.com", archived["referring_site"]!.GetValue<string>());
        Assert.Equal("""{"country_code":"US"}""", archived["shipping_address"]!.ToJsonString());
        Assert.Equal("""{"country_code":"US"}""", archived["billing_address"]!.ToJsonString());
    }
}
