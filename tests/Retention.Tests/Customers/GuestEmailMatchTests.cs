using Retention.Core.Customers;
using Retention.Core.Import;

namespace Retention.Tests.Customers;

/// <summary><see cref="GuestEmailMatch"/>: a shop's own list of addresses turned into the keys its guests carry.</summary>
public class GuestEmailMatchTests
{
    private const string Salt = "c2FsdC1mb3ItdGhlLXRlc3Rz";

    private static GuestEmailMatchResult Match(string csv) => GuestEmailMatch.Match(new CsvRecordReader(new StringReader(csv)).ReadAll(), Salt);

    [Fact]
    public void Each_key_is_the_one_the_webhooks_give_and_spellings_of_one_address_collapse_into_one_row_in_input_order()
    {
        var result = Match("  Ann@Example.COM \nbob@example.com\nann@example.com\n\tANN@example.com  \nCarol.X@Example.org\n");

        Assert.Equal(["ann@example.com", "bob@example.com", "carol.x@example.org"], result.Rows.Select(r => r.Email));
        foreach (var (row, typed) in result.Rows.Zip(["  Ann@Example.COM ", "bob@example.com", "Carol.X@Example.org"]))
        {
            Assert.Equal(CustomerKey.FromEmail(typed, Salt), row.CustomerKey);
            Assert.Equal("e:" + row.EmailHash, row.CustomerKey);
            Assert.Matches("^[0-9a-f]{64}$", row.EmailHash);
        }
        Assert.Equal(0, result.Skipped);
    }

    [Fact]
    public void Another_salt_gives_other_keys()
    {
        var mine = Match("ann@example.com\n").Rows.Single();
        var theirs = GuestEmailMatch.Match(new CsvRecordReader(new StringReader("ann@example.com\n")).ReadAll(), "another-salt").Rows.Single();
        Assert.NotEqual(mine.CustomerKey, theirs.CustomerKey);
    }

    [Theory]
    [InlineData("Email")]
    [InlineData(" E-Mail ")]
    [InlineData("EMAIL_ADDRESS")]
    [InlineData("Email Address")]
    public void A_header_names_the_address_column_among_others(string header)
    {
        var result = Match($"First Name,{header},Orders\nAnn,Ann@Example.com,3\nBob,\"bob@example.com\",1\nNo one,,0\nBroken,not-an-address,2\n");
        Assert.Equal(["ann@example.com", "bob@example.com"], result.Rows.Select(r => r.Email));
        Assert.Equal(2, result.Skipped);
    }

    [Fact]
    public void A_one_column_list_with_an_email_header_reads_the_header_as_a_header()
    {
        var result = Match("email\nann@example.com\n");
        Assert.Equal("ann@example.com", Assert.Single(result.Rows).Email);
        Assert.Equal(0, result.Skipped);
    }

    [Fact]
    public void What_is_not_plausibly_an_address_is_skipped_and_counted_and_blank_lines_are_no_rows()
    {
        var result = Match("ann@example.com\n\nno-at-sign\nann smith@example.com\n@example.com\nann@\n   \n,\nbob@example.com,\n");
        Assert.Equal(["ann@example.com", "bob@example.com"], result.Rows.Select(r => r.Email));
        Assert.Equal(4, result.Skipped);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("\n  \n", "is empty")]
    [InlineData("email\n", "has a header but no addresses")]
    [InlineData("name,address\nAnn,ann@example.com\n", "has 2 columns and no email column")]
    public void A_file_it_cannot_read_addresses_from_says_why(string csv, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => Match(csv));
        Assert.StartsWith(problem, error.Message);
    }

    [Fact]
    public void An_address_with_a_comma_or_quote_is_quoted_in_the_output_line()
    {
        Assert.Equal("plain@example.com", GuestEmailMatch.CsvValue("plain@example.com"));
        Assert.Equal("\"a,b@example.com\"", GuestEmailMatch.CsvValue("a,b@example.com"));
        Assert.Equal("\"a\"\"b@example.com\"", GuestEmailMatch.CsvValue("a\"b@example.com"));
    }
}
