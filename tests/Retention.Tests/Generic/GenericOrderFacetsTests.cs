using System.Text;
using System.Text.Json.Nodes;
using Retention.Core.Events;
using Retention.Core.Generic;
using Retention.Core.Orders;
using Retention.Tests.Shopify;

namespace Retention.Tests.Generic;

/// <summary>
/// The generic event's <c>line_items[]</c>, <c>channel</c>, <c>discount_codes[]</c> and <c>country</c> (docs/events.md):
/// read as documented, refused naming the path, archived so that the archived copy normalizes to the same order.
/// </summary>
public class GenericOrderFacetsTests
{
    private static readonly ShopContext Shop = new("shop-one", "EUR", "salt-one");

    private const string Full = """
        {"order_id":"1001","customer":{"id":"c-42","name":"Ann Smith","address":"12 Elm Street"},
         "ordered_at":"2025-03-01T10:15:00Z","total":"94.40","currency":"EUR",
         "line_items":[
           {"product_id":"p-boots","variant_id":"v-42","sku":"BOOT-42","title":"  Walking boots  ","quantity":2,"amount":"79.80","returned_quantity":1,"colour":"red"},
           {"product_id":9001,"quantity":1,"amount":14.6}
         ],
         "channel":{"source":"Google","medium":"CPC","campaign":"Spring Sale","referrer_host":"https://www.google.com/search?q=ann.smith%40example.com","email":"ann@example.com"},
         "discount_codes":["SPRING10"," spring10 ","WELCOME",""],
         "country":"de",
         "shipping_address":{"street":"12 Elm Street","city":"Springfield","country":"DE"}}
        """;

    private static OrderNormalization Normalize(string json) => GenericOrderNormalizer.Normalize(Encoding.UTF8.GetBytes(json), Shop, "evt-1");

    private static string Field(string json) => Normalize(json).Problem?.Field ?? "(accepted)";

    /// <summary>A valid minimal event with <paramref name="extra"/> (",\"country\":\"DE\"") added.</summary>
    private static string With(string extra) =>
        $$"""{"order_id":"1","customer":{"id":"c"},"ordered_at":"2025-03-01T10:15:00Z","total":"1"{{extra}}}""";

    private static string Lines(int count, string line = """{"product_id":"p","quantity":1,"amount":"1"}""") =>
        With(",\"line_items\":[" + string.Join(',', Enumerable.Repeat(line, count)) + "]");

    [Fact]
    public void Every_new_field_is_read_as_documented()
    {
        var order = Normalize(Full).Order!;

        Assert.Equal(
            [
                new OrderLine("p-boots", "v-42", "BOOT-42", "Walking boots", 2, 79.80m, 1),
                new OrderLine("9001", null, null, null, 1, 14.6m, 0),
            ],
            order.Lines);
        // UTM source and medium lower-cased; the referrer reduced to its host; a source_name absent means the storefront.
        Assert.Equal(new OrderChannel("google", "cpc", "spring sale", "www.google.com", null), order.Channel);
        Assert.Equal(["spring10", "welcome"], order.DiscountCodes);
        Assert.Equal("DE", order.Country);
    }

    [Fact]
    public void An_event_without_the_new_fields_has_none_of_them()
    {
        var order = Normalize(With("")).Order!;
        Assert.Empty(order.Lines);
        Assert.Equal(OrderChannel.Unknown, order.Channel);
        Assert.Empty(order.DiscountCodes);
        Assert.Null(order.Country);
    }

    [Fact]
    public void The_channel_follows_the_analytics_rule()
    {
        OrderChannel Channel(string channel) => Normalize(With(",\"channel\":" + channel)).Order!.Channel;

        Assert.Equal(new OrderChannel("news.example.org", "referral", null, "news.example.org", null),
            Channel("""{"referrer_host":"news.example.org"}"""));
        Assert.Equal(new OrderChannel("pos", "(none)", null, null, "pos"), Channel("""{"source_name":"POS"}"""));
        Assert.Equal(new OrderChannel("newsletter", "(not set)", "may", null, "web"), Channel("""{"source":"newsletter","campaign":"May","source_name":"web"}"""));
        Assert.Equal(OrderChannel.Unknown, Channel("""{"source":"  ","medium":null}"""));
    }

    [Fact]
    public void A_long_title_is_cut_not_refused()
    {
        var order = Normalize(Lines(1, $$"""{"product_id":"p","title":"{{new string('t', 50_000)}}","quantity":1,"amount":"1"}""")).Order!;
        Assert.Equal(new string('t', OrderLine.MaxTitleLength), order.Lines[0].Title);
    }

    [Fact]
    public void The_caps_are_the_documented_ones()
    {
        Assert.Equal("(accepted)", Field(Lines(OrderLine.MaxPerOrder)));
        Assert.Equal("line_items", Field(Lines(OrderLine.MaxPerOrder + 1)));
        var codes = Enumerable.Range(0, DiscountCode.MaxPerOrder + 1).Select(i => $"\"c{i}\"").ToList();
        Assert.Equal("(accepted)", Field(With(",\"discount_codes\":[" + string.Join(',', codes.Skip(1)) + "]")));
        Assert.Equal("discount_codes", Field(With(",\"discount_codes\":[" + string.Join(',', codes) + "]")));
        Assert.Equal("(accepted)", Field(With($",\"discount_codes\":[\"{new string('c', DiscountCode.MaxLength)}\"]")));
        Assert.Equal("(accepted)", Field(Lines(1, $$"""{"product_id":"p","quantity":1000000,"amount":"1000000000","returned_quantity":1000000}""")));
    }

    [Theory]
    [InlineData(""","line_items":{}""", "line_items")]
    [InlineData(""","line_items":[1]""", "line_items[0]")]
    [InlineData(""","line_items":[{"quantity":1,"amount":"1"}]""", "line_items[0].product_id")]
    [InlineData(""","line_items":[{"product_id":"","quantity":1,"amount":"1"}]""", "line_items[0].product_id")]
    [InlineData(""","line_items":[{"product_id":1.5,"quantity":1,"amount":"1"}]""", "line_items[0].product_id")]
    [InlineData(""","line_items":[{"product_id":{},"quantity":1,"amount":"1"}]""", "line_items[0].product_id")]
    [InlineData(""","line_items":[{"product_id":"p","variant_id":[],"quantity":1,"amount":"1"}]""", "line_items[0].variant_id")]
    [InlineData(""","line_items":[{"product_id":"p","sku":5,"quantity":1,"amount":"1"}]""", "line_items[0].sku")]
    [InlineData(""","line_items":[{"product_id":"p","title":5,"quantity":1,"amount":"1"}]""", "line_items[0].title")]
    [InlineData(""","line_items":[{"product_id":"p","title":"a\u0007b","quantity":1,"amount":"1"}]""", "line_items[0].title")]
    [InlineData(""","line_items":[{"product_id":"p","amount":"1"}]""", "line_items[0].quantity")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":"2","amount":"1"}]""", "line_items[0].quantity")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":{"n":2},"amount":"1"}]""", "line_items[0].quantity")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":1.5,"amount":"1"}]""", "line_items[0].quantity")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":0,"amount":"1"}]""", "line_items[0].quantity")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":1000001,"amount":"1"}]""", "line_items[0].quantity")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":1}]""", "line_items[0].amount")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":1,"amount":"-1"}]""", "line_items[0].amount")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":1,"amount":"1000000000.01"}]""", "line_items[0].amount")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":1,"amount":"1,5"}]""", "line_items[0].amount")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":2,"amount":"1","returned_quantity":3}]""", "line_items[0].returned_quantity")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":2,"amount":"1","returned_quantity":-1}]""", "line_items[0].returned_quantity")]
    [InlineData(""","line_items":[{"product_id":"p","quantity":2,"amount":"1","returned_quantity":"1"}]""", "line_items[0].returned_quantity")]
    [InlineData(""","channel":[]""", "channel")]
    [InlineData(",\"channel\":\"google\"", "channel")]
    [InlineData(""","channel":{"source":5}""", "channel.source")]
    [InlineData(""","channel":{"medium":{}}""", "channel.medium")]
    [InlineData(""","channel":{"campaign":"a\u0000b"}""", "channel.campaign")]
    [InlineData(""","channel":{"source_name":true}""", "channel.source_name")]
    [InlineData(""","channel":{"referrer_host":"http://"}""", "channel.referrer_host")]
    [InlineData(",\"discount_codes\":\"SPRING10\"", "discount_codes")]
    [InlineData(""","discount_codes":[{"code":"SPRING10"}]""", "discount_codes[0]")]
    [InlineData(""","discount_codes":["a","b",null]""", "discount_codes[2]")]
    [InlineData(""","discount_codes":["a\u0007"]""", "discount_codes[0]")]
    [InlineData(",\"country\":\"XX\"", "country")]
    [InlineData(",\"country\":\"Germany\"", "country")]
    [InlineData(",\"country\":\"DEU\"", "country")]
    [InlineData(""","country":5""", "country")]
    [InlineData(""","country":{"code":"DE"}""", "country")]
    public void A_bad_new_field_is_refused_naming_its_path(string extra, string field)
    {
        var result = Normalize(With(extra));
        Assert.Null(result.Order);
        Assert.Equal(field, result.Problem!.Field);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem.Message));
    }

    [Fact]
    public void Over_long_strings_are_refused_naming_the_path()
    {
        var line = """{"product_id":"p","quantity":1,"amount":"1"}""";
        var longSku = $$"""{"product_id":"p","sku":"{{new string('s', 257)}}","quantity":1,"amount":"1"}""";
        Assert.Equal("line_items[2].sku", Field(With($",\"line_items\":[{line},{line},{longSku}]")));
        Assert.Equal("line_items[0].product_id", Field(Lines(1, $$"""{"product_id":"{{new string('p', 257)}}","quantity":1,"amount":"1"}""")));
        Assert.Equal("channel.source", Field(With($",\"channel\":{{\"source\":\"{new string('g', 257)}\"}}")));
        Assert.Equal("channel.campaign", Field(With($",\"channel\":{{\"campaign\":\"{new string('g', 10_000)}\"}}")));
        Assert.Equal("discount_codes[3]",
            Field(With($",\"discount_codes\":[\"a\",\"b\",\"c\",\"{new string('d', DiscountCode.MaxLength + 1)}\"]")));
        Assert.Equal("country", Field(With($",\"country\":\"{new string('D', 1000)}\"")));
    }

    [Fact]
    public void The_archived_copy_keeps_the_read_fields_only_and_normalizes_to_the_same_order()
    {
        var delivered = Normalize(Full).Order!;
        var archived = GenericEventRedactor.Redact(Encoding.UTF8.GetBytes(Full), delivered);
        var text = Encoding.UTF8.GetString(archived);

        foreach (var personal in new[] { "Ann Smith", "Elm Street", "Springfield", "ann@example.com", "ann.smith", "search", "colour", "shipping_address" })
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        var json = JsonNode.Parse(text)!;
        Assert.Equal("www.google.com", json["channel"]!["referrer_host"]!.GetValue<string>());
        Assert.Equal("de", json["country"]!.GetValue<string>());

        var again = GenericOrderNormalizer.Normalize(archived, Shop, "evt-1");
        Assert.Null(again.Problem);
        NormalizedOrders.AssertSame(delivered, again.Order!);
    }

    [Fact]
    public void A_cut_title_is_archived_cut_and_reads_back_the_same()
    {
        var body = Lines(1, $$"""{"product_id":"p","title":"{{new string('t', 5_000)}}","quantity":1,"amount":"1"}""");
        var delivered = Normalize(body).Order!;
        var archived = GenericEventRedactor.Redact(Encoding.UTF8.GetBytes(body), delivered);
        Assert.True(archived.Length < 1_000, $"the archived copy holds {archived.Length} bytes");
        NormalizedOrders.AssertSame(delivered, GenericOrderNormalizer.Normalize(archived, Shop, "evt-1").Order!);
    }

    [Fact]
    public void The_writer_and_the_normalizer_agree_on_every_new_field()
    {
        var facets = new GenericOrderEventWriter.Facets(
            [new OrderLine("p-1", "v-1", "SKU-1", "Tea", 3, 12.30m, 1), new OrderLine("p-2", null, null, null, 1, 0m)],
            OrderChannel.From(null, null, "launch", "blog.example.org", "instagram", isStorefront: false),
            ["launch10"], "FR");
        var at = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var body = GenericOrderEventWriter.Write("77", new GenericOrderEventWriter.Customer("c-1", null), at, at, "EUR", 12.3m,
            OrderStatus.Paid, facets: facets);
        var order = GenericOrderNormalizer.Normalize(body, Shop, "e").Order!;
        Assert.Equal(facets.Lines, order.Lines);
        Assert.Equal(facets.Channel, order.Channel);
        Assert.Equal(facets.DiscountCodes, order.DiscountCodes);
        Assert.Equal(facets.Country, order.Country);
    }
}
