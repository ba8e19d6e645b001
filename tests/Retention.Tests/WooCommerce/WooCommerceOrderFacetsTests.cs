using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Retention.Core.Events;
using Retention.Core.Orders;
using Retention.Core.WooCommerce;

namespace Retention.Tests.WooCommerce;

/// <summary>What a WooCommerce order was made of and where it came from: lines, channel, coupon codes and country.</summary>
public class WooCommerceOrderFacetsTests
{
    private static readonly ShopContext UsdShop = new("woo-shop", "USD", "salt-for-tests");

    private static byte[] Changed(Action<JsonObject> change)
    {
        var order = JsonNode.Parse(WooCommerceReference.OrderBody())!.AsObject();
        change(order);
        return JsonSerializer.SerializeToUtf8Bytes(order);
    }

    private static NormalizedOrder Ok(byte[] body)
    {
        var result = WooCommerceOrderNormalizer.Normalize(body, UsdShop, "delivery-1");
        Assert.True(result.Problem is null, result.Problem?.ToString());
        return result.Order!;
    }

    private static EventProblem Problem(byte[] body) =>
        WooCommerceOrderNormalizer.Normalize(body, UsdShop, "delivery-1").Problem ?? throw new Xunit.Sdk.XunitException("expected a problem");

    private static JsonObject Meta(string key, JsonNode? value) => new() { ["id"] = 1, ["key"] = key, ["value"] = value };

    /// <summary>The attribution WooCommerce records for a visit from a newsletter link with UTM parameters.</summary>
    private static JsonArray NewsletterAttribution() =>
    [
        Meta("_download_permissions_granted", "yes"),
        Meta("_wc_order_attribution_source_type", "utm"),
        Meta("_wc_order_attribution_referrer", "https://mail.example.net/inbox/read?id=1234&user=john.doe"),
        Meta("_wc_order_attribution_utm_source", "Newsletter"),
        Meta("_wc_order_attribution_utm_medium", "email"),
        Meta("_wc_order_attribution_utm_campaign", "Spring Sale"),
        Meta("_wc_order_attribution_session_entry", "https://store.example/?utm_source=Newsletter"),
        Meta("_wc_order_attribution_user_agent", "Mozilla/5.0 Secret-Agent"),
    ];

    [Fact]
    public void The_documented_order_has_its_two_line_items_no_codes_its_country_and_its_rest_api_channel()
    {
        var order = Ok(WooCommerceReference.OrderBody());

        // From the file: line 315 "Woo Single #1", product 93, variation 0, sku "", quantity 2, total "6.00", total_tax "0.45";
        // line 316 "Ship Your Idea &ndash; Color: Black, Size: M Test", product 22, variation 23, sku "Bar3", quantity 1,
        // total "12.00", total_tax "0.90". A line's amount includes its tax, as the order's total does.
        Assert.Equal(
        [
            new OrderLine("93", null, null, "Woo Single #1", 2, 6.45m),
            new OrderLine("22", "23", "Bar3", "Ship Your Idea \u2013 Color: Black, Size: M Test", 1, 12.90m),
        ], order.Lines);
        // The lines and the shipping ("shipping_total": "10.00", no shipping tax) make up the order's total "29.35".
        Assert.Equal(order.Total, order.Lines.Sum(l => l.NetAmount) + 10.00m);
        Assert.Empty(order.DiscountCodes);
        Assert.Equal("US", order.Country);
        // "created_via": "rest-api", no attribution meta: the order is named by the channel that made it.
        Assert.Equal(new OrderChannel("rest-api", OrderChannel.NoMedium, null, null, "rest-api"), order.Channel);
    }

    [Fact]
    public void Attribution_meta_gives_utm_source_medium_campaign_and_the_referrers_host_only()
    {
        var order = Ok(Changed(o =>
        {
            o["created_via"] = "checkout";
            o["meta_data"] = NewsletterAttribution();
            o["coupon_lines"] = new JsonArray(
                new JsonObject { ["id"] = 320, ["code"] = " SPRING10 ", ["discount"] = "1.80", ["discount_tax"] = "0", ["meta_data"] = new JsonArray() },
                new JsonObject { ["id"] = 321, ["code"] = "freeship" },
                new JsonObject { ["id"] = 322, ["code"] = "spring10" });
        }));

        Assert.Equal(new OrderChannel("newsletter", "email", "spring sale", "mail.example.net", "checkout"), order.Channel);
        Assert.Equal("newsletter / email", order.Channel.Label);
        Assert.Equal(["spring10", "freeship"], order.DiscountCodes);
    }

    [Theory]
    // What sourcebuster.js records for each source type, and what the channel becomes.
    [InlineData("organic", "google", "organic", "https://www.google.com/", "checkout", "google", "organic", "www.google.com")]
    [InlineData("referral", "blog.example.org", "referral", "https://blog.example.org/post/42", "store-api", "blog.example.org", "referral", "blog.example.org")]
    [InlineData("typein", "(direct)", "(none)", null, "checkout", "(direct)", "(none)", null)]
    [InlineData("typein", null, null, null, "checkout", "(direct)", "(none)", null)]
    [InlineData(null, null, null, "https://www.bing.com/search?q=mugs", "checkout", "www.bing.com", "referral", "www.bing.com")]
    [InlineData("admin", null, null, null, "admin", "admin", "(none)", null)]
    [InlineData(null, null, null, null, "checkout", "(direct)", "(none)", null)]
    public void Each_source_type_maps_to_a_source_and_medium(string? type, string? utmSource, string? utmMedium, string? referrer,
        string createdVia, string source, string medium, string? host)
    {
        var order = Ok(Changed(o =>
        {
            o["created_via"] = createdVia;
            var meta = new JsonArray();
            if (type is not null) meta.Add(Meta("_wc_order_attribution_source_type", type));
            if (utmSource is not null) meta.Add(Meta("_wc_order_attribution_utm_source", utmSource));
            if (utmMedium is not null) meta.Add(Meta("_wc_order_attribution_utm_medium", utmMedium));
            if (referrer is not null) meta.Add(Meta("_wc_order_attribution_referrer", referrer));
            o["meta_data"] = meta;
        }));

        Assert.Equal((source, medium, host, createdVia), (order.Channel.Source, order.Channel.Medium, order.Channel.ReferrerHost, order.Channel.SourceName));
    }

    [Fact]
    public void A_custom_item_a_deleted_product_and_a_long_name_are_read_as_such()
    {
        var order = Ok(Changed(o =>
        {
            o["line_items"] = new JsonArray(
                new JsonObject { ["name"] = "Gift wrapping", ["product_id"] = 0, ["variation_id"] = 0, ["quantity"] = 1, ["total"] = "2.00", ["total_tax"] = "0.00" },
                new JsonObject { ["name"] = new string('x', 500), ["product_id"] = "77", ["quantity"] = "3", ["total"] = 9 });
        }));

        Assert.Equal(new OrderLine(OrderLine.CustomItem, null, null, "Gift wrapping", 1, 2.00m), order.Lines[0]);
        Assert.Equal(new OrderLine("77", null, null, new string('x', OrderLine.MaxTitleLength), 3, 9m), order.Lines[1]);
    }

    [Fact]
    public void Kosovo_as_woocommerce_writes_it_is_kept_and_billing_counts_when_shipping_is_empty()
    {
        Assert.Equal("XK", Ok(Changed(o => o["shipping"]!["country"] = "XK")).Country);
        Assert.Equal("DE", Ok(Changed(o =>
        {
            o["shipping"]!["country"] = "";
            o["billing"]!["country"] = "de";
        })).Country);
        Assert.Null(Ok(Changed(o =>
        {
            o.Remove("shipping");
            o["billing"]!["country"] = "";
        })).Country);
    }

    [Fact]
    public void Hostile_lines_codes_countries_and_attribution_are_refused_naming_the_field()
    {
        var line = new JsonObject { ["product_id"] = 93, ["quantity"] = 1, ["total"] = "1.00" };
        Assert.Equal("line_items", Problem(Changed(o => o["line_items"] = new JsonArray([.. Enumerable.Range(0, 1001).Select(_ => (JsonNode?)line.DeepClone())]))).Field);
        Assert.Equal("line_items", Problem(Changed(o => o["line_items"] = "two mugs")).Field);
        Assert.Equal("line_items[1]", Problem(Changed(o => o["line_items"]!.AsArray()[1] = 5)).Field);
        Assert.Equal("line_items[1].quantity", Problem(Changed(o => o["line_items"]![1]!["quantity"] = new JsonObject { ["n"] = 1 })).Field);
        Assert.Equal("line_items[1].quantity", Problem(Changed(o => o["line_items"]![1]!["quantity"] = 1.5)).Field);
        Assert.Equal("line_items[0].quantity", Problem(Changed(o => o["line_items"]![0]!["quantity"] = -2)).Field);
        Assert.Equal("line_items[0].quantity", Problem(Changed(o => o["line_items"]![0]!.AsObject().Remove("quantity"))).Field);
        Assert.Equal("line_items[0].total", Problem(Changed(o => o["line_items"]![0]!["total"] = "six")).Field);
        Assert.Equal("line_items[0].total_tax", Problem(Changed(o => o["line_items"]![0]!["total_tax"] = "-0.45")).Field);
        Assert.Equal("line_items[0].product_id", Problem(Changed(o => o["line_items"]![0]!["product_id"] = new JsonArray())).Field);
        Assert.Equal("line_items[1].variation_id", Problem(Changed(o => o["line_items"]![1]!["variation_id"] = 2.5)).Field);
        Assert.Equal("line_items[1].sku", Problem(Changed(o => o["line_items"]![1]!["sku"] = new string('s', 300))).Field);
        Assert.Equal("line_items[1].name", Problem(Changed(o => o["line_items"]![1]!["name"] = 42)).Field);

        Assert.Equal("coupon_lines", Problem(Changed(o => o["coupon_lines"] = new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode?)new JsonObject { ["code"] = $"c{i}" })]))).Field);
        Assert.Equal("coupon_lines[0].code", Problem(Changed(o => o["coupon_lines"] = new JsonArray(new JsonObject { ["code"] = new string('c', 101) }))).Field);
        Assert.Equal("coupon_lines[0].code", Problem(Changed(o => o["coupon_lines"] = new JsonArray(new JsonObject { ["code"] = 10 }))).Field);

        Assert.Equal("shipping.country", Problem(Changed(o => o["shipping"]!["country"] = "XX")).Field);
        Assert.Equal("shipping.country", Problem(Changed(o => o["shipping"]!["country"] = new JsonArray("US"))).Field);
        Assert.Equal("billing.country", Problem(Changed(o =>
        {
            o["shipping"]!["country"] = "";
            o["billing"]!["country"] = "United States";
        })).Field);
        Assert.Equal("shipping", Problem(Changed(o => o["shipping"] = "969 Market")).Field);

        Assert.Equal("meta_data[1].value", Problem(Changed(o => o["meta_data"]!.AsArray().Add(Meta("_wc_order_attribution_utm_source", new JsonObject())))).Field);
        Assert.Equal("meta_data[1].value", Problem(Changed(o => o["meta_data"]!.AsArray().Add(Meta("_wc_order_attribution_referrer", "https://a.example/" + new string('p', 5000))))).Field);
        Assert.Equal("created_via", Problem(Changed(o => o["created_via"] = 7)).Field);
        // Meta data the normalizer does not read may hold anything, as plugins write it.
        Ok(Changed(o => o["meta_data"]!.AsArray().Add(Meta("_some_plugin", new JsonObject { ["deep"] = new JsonArray(1, 2) }))));
    }

    [Fact]
    public void The_archived_copy_keeps_the_lines_codes_country_and_attribution_and_no_address_and_normalizes_to_the_same_order()
    {
        var body = Changed(o =>
        {
            o["created_via"] = "checkout";
            o["meta_data"] = NewsletterAttribution();
            o["coupon_lines"] = new JsonArray(new JsonObject { ["id"] = 320, ["code"] = "SPRING10", ["discount"] = "1.80" });
            o["billing"]!["company"] = "Doe Widgets Ltd";
            o["shipping"]!["address_2"] = "Suite 400";
            o["customer_note"] = "leave at the door";
            o["line_items"]![1]!["meta_data"]!.AsArray().Add(new JsonObject { ["id"] = 2097, ["key"] = "Engraving", ["value"] = "For Jane, love John" });
        });
        var order = Ok(body);

        var archived = WooCommerceEventRedactor.Redact(body, order);

        var text = Encoding.UTF8.GetString(archived);
        var sample = JsonNode.Parse(WooCommerceReference.OrderBody())!;
        string[] addresses = ["billing", "shipping"];
        var addressValues = addresses
            .SelectMany(a => sample[a]!.AsObject().Where(f => f.Key != "country").Select(f => f.Value!.GetValue<string>()))
            .Distinct().ToList();
        // Every value the sample's addresses fill in but the country: names, street, city, state, postcode, e-mail, phone.
        Assert.Equal(["John", "Doe", "", "969 Market", "San Francisco", "CA", "94103", "john.doe@example.com", "(555) 555-5555"], addressValues);
        addressValues.Remove("");
        // Two letters occur in any text ("ca" in "campaign"): the state is looked for as a field instead.
        addressValues.Remove("CA");
        Assert.DoesNotContain("state", text, StringComparison.Ordinal);
        foreach (var personal in addressValues.Concat(["Doe Widgets", "Suite 400", "door", "Engraving", "Jane", "inbox", "john.doe", "Secret-Agent", "session_entry"]))
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        foreach (var kept in new[] { "Bar3", "Woo Single #1", "SPRING10", "\"country\":\"US\"", "mail.example.net", "Spring Sale" })
            Assert.Contains(kept, text, StringComparison.Ordinal);

        var again = Ok(archived);
        Assert.Equal(WooCommerceReference.Described(order), WooCommerceReference.Described(again));
        Assert.Equal(OrderVersion.Fingerprint(order), OrderVersion.Fingerprint(again));
        Assert.Equal(2, again.Lines.Count);
    }
}
