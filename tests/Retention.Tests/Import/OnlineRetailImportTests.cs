using System.Globalization;
using Retention.Tests.Support;
using Xunit.Abstractions;

namespace Retention.Tests.Import;

/// <summary>
/// The real case of <c>lines-csv</c>: UCI Online Retail (<c>../shared/reference/online-retail</c>), imported gzipped as it
/// is through the command line into Azurite, and checked against DuckDB reading the same .gz by the rules of
/// docs/import.md (grouping by invoice, guests skipped, returns attached to the customer's latest earlier invoice
/// holding the product, refunds capped at the order's total).
/// </summary>
[Collection(OnlineRetailShared.Name)]
public class OnlineRetailImportTests(OnlineRetailShop shop, ITestOutputHelper output)
{
    [Fact]
    public void Online_Retail_imports_through_the_command_line_with_the_orders_customers_lines_and_net_amount_DuckDB_computes()
    {
        output.WriteLine($"import took {shop.ImportTime.TotalSeconds:F1} s");
        Assert.Equal(0, shop.ExitCode);

        var stored = shop.Orders;
        var orders = stored.Count;
        var customers = stored.Select(o => o.CustomerKey).Distinct().Count();
        var lines = stored.Sum(o => o.Lines.Count);
        var net = stored.Sum(o => o.Total - o.Refunds.Sum(r => r.Amount));
        var returned = stored.Sum(o => o.Lines.Sum(l => l.ReturnedQuantity));
        output.WriteLine($"stored {orders} orders, {customers} customers, {lines} lines, net {net}, returned quantity {returned}");

        var expected = DuckDbQuery.Rows(Expected(OnlineRetailShop.SqlPath))[0];
        Assert.Equal(Convert.ToInt64(expected[0], CultureInfo.InvariantCulture), orders);
        Assert.Equal(Convert.ToInt64(expected[1], CultureInfo.InvariantCulture), customers);
        Assert.Equal(Convert.ToInt64(expected[2], CultureInfo.InvariantCulture), lines);
        Assert.Equal(Convert.ToDecimal(expected[3], CultureInfo.InvariantCulture), net);
        // Every order's lines hold the product ids of its invoice, and no order is refunded beyond its total.
        Assert.All(stored, o => Assert.True(o.Refunds.Sum(r => r.Amount) <= o.Total));
        Assert.All(stored, o => Assert.All(o.Lines, l => Assert.InRange(l.ReturnedQuantity, 0, l.Quantity)));
        Assert.Contains(stored, o => o.Country == "GB");
        Assert.Contains(stored, o => o.Country is null);
    }

    /// <summary>
    /// The rules of docs/import.md in SQL: orders, customers, lines and net amount (totals less refunds, each order's
    /// refunds capped at its total). Positions are the rows' order in the file (one thread reads the .gz in order).
    /// </summary>
    private static string Expected(string path) => $"""
        SET threads = 1;
        WITH {Placed(path)}
        SELECT (SELECT count(*) FROM placed), (SELECT count(DISTINCT customer_id) FROM placed), CAST((SELECT sum(purchases) FROM placed) AS BIGINT),
               CAST((SELECT sum(total) FROM placed) - (SELECT sum(refunds) FROM refunded) AS DECIMAL(18, 4))
        """;

    /// <summary>
    /// The import's rules as SQL common table expressions, for the checks that start from the imported orders:
    /// <c>file_rows</c>, <c>invoices</c>, <c>accepted</c>, <c>placed</c> (the stored orders: id, customer, time, country,
    /// total), <c>bought</c> (their distinct products), <c>attached</c> returns and <c>refunded</c> (each order's refunds).
    /// </summary>
    public static string Placed(string path) => $"""
        file_rows AS (
            SELECT row_number() OVER () AS pos, trim(InvoiceNo) AS order_id, trim(Country) AS country_name,
                   regexp_replace(coalesce(trim(CustomerID), ''), '^(-?[0-9]+)\.0+$', '\1') AS customer_id,
                   CAST(InvoiceDate AS TIMESTAMP) AS row_at, trim(StockCode) AS product_id,
                   CAST(Quantity AS BIGINT) AS quantity, CAST(UnitPrice AS DECIMAL(18, 4)) AS price
            FROM read_csv('{path}', header = true, all_varchar = true)
        ),
        invoices AS (
            SELECT order_id, min(pos) AS first_pos, min(row_at) AS ordered_at, min(customer_id) AS customer_id, arg_min(country_name, pos) AS country_name,
                   count(DISTINCT customer_id) AS customers, bool_or(customer_id = '') AS guest,
                   bool_or(price < 0) AS negative_price, count(*) FILTER (WHERE quantity > 0) AS purchases,
                   sum(quantity * price) FILTER (WHERE quantity > 0) AS total
            FROM file_rows GROUP BY order_id
        ),
        accepted AS (
            SELECT * FROM invoices WHERE customers = 1 AND NOT guest AND NOT negative_price AND purchases <= 1000
        ),
        placed AS (SELECT * FROM accepted WHERE purchases > 0),
        bought AS (
            SELECT DISTINCT p.order_id, r.product_id FROM file_rows r JOIN placed p USING (order_id) WHERE r.quantity > 0
        ),
        return_rows AS (
            SELECT r.pos, r.customer_id, r.row_at, r.product_id, -r.quantity * r.price AS amount, a.first_pos AS return_pos
            FROM file_rows r JOIN accepted a USING (order_id) WHERE r.quantity < 0
        ),
        attached AS (
            SELECT rt.pos, arg_max(p.order_id, p.first_pos) AS order_id, any_value(rt.amount) AS amount
            FROM return_rows rt
            JOIN placed p ON p.customer_id = rt.customer_id AND p.first_pos < rt.return_pos AND p.ordered_at <= rt.row_at
            JOIN bought b ON b.order_id = p.order_id AND b.product_id = rt.product_id
            GROUP BY rt.pos
        ),
        refunded AS (
            SELECT p.order_id, least(p.total, coalesce(sum(a.amount), 0)) AS refunds
            FROM placed p LEFT JOIN attached a USING (order_id) GROUP BY p.order_id, p.total
        )
        """;
}
