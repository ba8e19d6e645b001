using Retention.Core.Customers;
using Retention.Core.Privacy;

namespace Retention.Tests.Core;

/// <summary>Cutting one customer's rows out of an archived generic-csv import, leaving every other byte as it was.</summary>
public class ImportedRowRedactionTests
{
    private static CustomerMatch John(params string[] orders) => CustomerMatch.Of([CustomerKey.FromPlatformId("42")], orders, "salt");

    [Fact]
    public void The_customers_rows_go_and_every_other_line_stays_byte_for_byte()
    {
        const string file = "order_id,customer_id,ordered_at,amount\r\nA1,42,2025-01-01,10.00\r\nB1, 7 ,2025-01-02,5.00\n\nA2,42,2025-01-03,1.00";
        var (text, removed) = ImportedRowRedaction.Redact(file, John());
        Assert.Equal(2, removed);
        Assert.Equal("order_id,customer_id,ordered_at,amount\r\nB1, 7 ,2025-01-02,5.00\n\n", text);
    }

    [Fact]
    public void A_quoted_value_across_lines_goes_with_its_record_and_an_order_named_by_shopify_goes_too()
    {
        const string file = "customer_id,order_id,ordered_at,amount,status\n\"42\",A1,2025-01-01,\"1\n0.00\",paid\n9,X9,2025-01-02,3.00,paid\n8,B2,2025-01-02,3.00,paid\n";
        var (text, removed) = ImportedRowRedaction.Redact(file, John("X9"));
        Assert.Equal(2, removed);
        Assert.Equal("customer_id,order_id,ordered_at,amount,status\n8,B2,2025-01-02,3.00,paid\n", text);
    }

    [Fact]
    public void A_file_without_the_customer_is_returned_as_it_is_and_an_unreadable_row_is_kept()
    {
        const string file = "customer_id,order_id,ordered_at,amount\n7,B1,2025-01-02,5.00\n42,\"A1\"x,2025-01-01,1.00\n";
        Assert.Equal((file, 0), ImportedRowRedaction.Redact(file, John()));
    }
}
