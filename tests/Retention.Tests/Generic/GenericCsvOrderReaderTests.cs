using Retention.Core.Orders;
using Retention.Core.Import;
using Retention.Core.Generic;

namespace Retention.Tests.Generic;

/// <summary>The CSV side of the import, without storage: RFC 4180, the header, shop-local times and every skip.</summary>
public class GenericCsvOrderReaderTests
{
    private static readonly ShopContext Shop = new("csv-shop", "EUR", "salt");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static List<CsvOrderRow> Read(string csv) =>
        [.. GenericCsvOrderReader.Open(new StringReader(csv), Shop, Berlin, "import/test.csv").ReadRows()];

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Quoted_values_hold_commas_quotes_and_line_breaks_and_lines_are_counted_as_in_the_file()
    {
        var rows = Read("customer_id,order_id,ordered_at,amount\r\n" +
                        "\"c,1\",\"A \"\"1\"\"\",2025-03-01T10:00:00Z,\"1.50\"\r\n" +
                        "\r\n" +
                        "\"c\n2\",A2,2025-03-01T10:00:00Z,2\r\n" +
                        "c3,A3,2025-03-01T10:00:00Z,3");

        Assert.Equal([2L, 4L, 6L], rows.Select(r => r.Line));
        Assert.Equal([0L, 1L, 2L], rows.Select(r => r.Index));
        Assert.Equal(("c:c,1", "A \"1\"", 1.50m), (rows[0].Order!.CustomerKey, rows[0].Order!.OrderId, rows[0].Order!.Total));
        Assert.Equal("customer_id: must not contain control characters", rows[1].Skip!.Reason);
        Assert.Equal("import/test.csv#L6", rows[2].Order!.SourceEventId);
    }

    [Fact]
    public void Columns_come_in_any_order_and_case_and_the_optional_ones_may_be_absent()
    {
        var row = Assert.Single(Read("\uFEFF Amount ,ORDERED_AT,order_id,Customer_Id\n12.50,2025-03-01T10:00:00Z,7,c-7\n"));
        var order = row.Order!;
        Assert.Equal(("7", "c:c-7", 12.50m, "EUR", OrderStatus.Paid), (order.OrderId, order.CustomerKey, order.Total, order.Currency, order.Status));
        Assert.Equal(order.OrderedAt, order.UpdatedAt);
    }

    [Theory]
    [InlineData("customer_id,order_id,amount", "lacks the required column ordered_at")]
    [InlineData("customer_id,order_id,ordered_at,amount,email", "does not read: email")]
    [InlineData("customer_id,order_id,ordered_at,amount,amount", "names the column amount twice")]
    [InlineData("", "the file is empty")]
    public void A_header_that_is_not_the_formats_is_refused_whole(string header, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => GenericCsvOrderReader.Open(new StringReader(header), Shop, Berlin, "x"));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("2025-03-01", "2025-03-01T00:00:00+01:00")]                  // a date: the start of the shop's day
    [InlineData("2025-07-01 18:30", "2025-07-01T18:30:00+02:00")]            // local time in summer
    [InlineData("2025-07-01T18:30:15.250", "2025-07-01T18:30:15.25+02:00")]
    [InlineData("2025-03-30T02:30:00", "2025-03-30T03:30:00+02:00")]         // skipped hour: moved forward by the gap
    [InlineData("2025-10-26 02:30", "2025-10-26T02:30:00+02:00")]            // repeated hour: the first of the two
    [InlineData("2025-03-01T10:00:00-05:00", "2025-03-01T10:00:00-05:00")]  // an offset is kept as given
    public void Times_without_an_offset_are_wall_clock_time_in_the_shops_zone(string text, string expected)
    {
        var order = Assert.Single(Read($"customer_id,order_id,ordered_at,amount\nc,1,{text},1\n")).Order!;
        Assert.Equal(At(expected), order.OrderedAt);
        Assert.Equal(At(expected).Offset, order.OrderedAt.Offset);
    }

    [Theory]
    [InlineData("c,1,2025-02-30,1,EUR,paid", "ordered_at: '2025-02-30' is not a time")]
    [InlineData("c,1,2025-02-30T10:00:00Z,1,EUR,paid", "ordered_at: must be an RFC 3339 timestamp with an offset")]
    [InlineData("c,1,1980-01-01,1,EUR,paid", "ordered_at: is outside the years 1990 to 2200")]
    [InlineData("c,1,,1,EUR,paid", "ordered_at: is required")]
    [InlineData("c,1,2025-03-01,-1,EUR,paid", "amount: must not be negative")]
    [InlineData("c,1,2025-03-01,\"1,50\",EUR,paid", "amount: must be a decimal amount")]
    [InlineData("c,1,2025-03-01,,EUR,paid", "amount: is required")]
    [InlineData("c,1,2025-03-01,1,USD,paid", "currency: must be the shop's currency EUR")]
    [InlineData("c,1,2025-03-01,1,EUR,shipped", "status: must be one of")]
    [InlineData(",1,2025-03-01,1,EUR,paid", "customer_id: is required")]
    [InlineData("c,,2025-03-01,1,EUR,paid", "order_id: is required")]
    [InlineData("c,1,2025-03-01,1,EUR", "has 5 values where the header has 6 columns")]
    [InlineData("c,\"1\"x,2025-03-01,1,EUR,paid", "not readable as CSV: a closing quote must be followed by a comma")]
    [InlineData("c,\"1,2025-03-01,1,EUR,paid", "not readable as CSV: a quoted value opened on line 2 is never closed")]
    public void A_bad_row_is_skipped_with_the_webhooks_reason_in_the_columns_terms(string line, string reason)
    {
        var row = Assert.Single(Read($"customer_id,order_id,ordered_at,amount,currency,status\n{line}\n"));
        Assert.Null(row.Order);
        Assert.Equal(2, row.Skip!.Line);
        Assert.StartsWith(reason, row.Skip.Reason);
    }

    [Fact]
    public void The_first_row_of_an_order_stands_and_a_later_row_with_its_id_is_skipped()
    {
        var rows = Read("customer_id,order_id,ordered_at,amount\n" +
                        "c,1,2025-03-01,-1\n" +             // refused: it does not claim the id
                        "c,1,2025-03-02,10\n" +
                        "c,1,2025-03-03,20\n" +
                        "c,2,2025-03-03,20\n");
        Assert.Equal([null, 10m, null, 20m], rows.Select(r => r.Order?.Total));
        Assert.Equal("order_id 1 is already on line 3; only the first row of an order is imported", rows[2].Skip!.Reason);
    }

    [Fact]
    public void Status_is_read_without_regard_to_case_and_an_empty_cell_takes_the_default()
    {
        var rows = Read("customer_id,order_id,ordered_at,amount,status\nc,1,2025-03-01,1,Refunded\nc,2,2025-03-01,1, \n");
        Assert.Equal([OrderStatus.Refunded, OrderStatus.Paid], rows.Select(r => r.Order!.Status));
    }

    [Fact]
    public void Country_channel_and_discount_code_columns_are_read_and_a_country_may_be_a_name()
    {
        var rows = Read("customer_id,order_id,ordered_at,amount,Country,channel_source,channel_medium,channel_campaign,discount_code\n" +
                        "c1,A1,2025-03-01T10:00:00Z,10,de,Google,CPC,Spring Sale, SPRING10 \n" +
                        "c2,A2,2025-03-01T10:00:00Z,10,United Kingdom,newsletter,,,\n" +
                        "c3,A3,2025-03-01T10:00:00Z,10,EIRE,,email,,\n" +
                        "c4,A4,2025-03-01T10:00:00Z,10,Channel Islands,,,,\n" +
                        "c5,A5,2025-03-01T10:00:00Z,10,,,,,\n");
        var orders = rows.Select(r => r.Order!).ToList();

        Assert.Equal(["DE", "GB", "IE", null, null], orders.Select(o => o.Country));
        Assert.Equal(new OrderChannel("google", "cpc", "spring sale", null, null), orders[0].Channel);
        Assert.Equal(new OrderChannel("newsletter", OrderChannel.NotSet, null, null, null), orders[1].Channel);
        Assert.Equal(new OrderChannel(OrderChannel.Direct, "email", null, null, null), orders[2].Channel);
        Assert.Equal(OrderChannel.Unknown, orders[3].Channel);
        Assert.Equal(["spring10"], orders[0].DiscountCodes);
        Assert.All(orders.Skip(1), o => Assert.Empty(o.DiscountCodes));
        Assert.All(orders, o => Assert.Empty(o.Lines));
    }

    [Fact]
    public void A_bad_channel_or_code_cell_skips_the_row_naming_its_column()
    {
        var rows = Read("customer_id,order_id,ordered_at,amount,channel_source,channel_campaign,discount_code\n" +
                        $"c1,A1,2025-03-01T10:00:00Z,10,{new string('s', 257)},,\n" +
                        $"c2,A2,2025-03-01T10:00:00Z,10,,{new string('c', 257)},\n" +
                        $"c3,A3,2025-03-01T10:00:00Z,10,,,{new string('d', DiscountCode.MaxLength + 1)}\n" +
                        "c4,A4,2025-03-01T10:00:00Z,10,ok,ok,ok\n");

        Assert.StartsWith("channel_source: must be at most 256 characters", rows[0].Skip!.Reason, StringComparison.Ordinal);
        Assert.StartsWith("channel_campaign: must be at most 256 characters", rows[1].Skip!.Reason, StringComparison.Ordinal);
        Assert.StartsWith("discount_code: must be at most 100 characters", rows[2].Skip!.Reason, StringComparison.Ordinal);
        Assert.NotNull(rows[3].Order);
    }
}
