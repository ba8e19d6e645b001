using Retention.Core.Customers;

namespace Retention.Tests.Customers;

public class CustomerKeyCursorTests
{
    private sealed record Item(string Key, int Value);

    private static readonly string[] Walk = ["A", "B", "Z", "a", "c:1", "c:10", "c:9", "d"];

    [Fact]
    public void Walking_the_customers_in_key_order_finds_each_ones_item_and_null_for_those_without()
    {
        // Ordinal order: upper case before lower case, "c:10" before "c:9".
        var cursor = new CustomerKeyCursor<Item>([new("B", 1), new("a", 2), new("c:10", 3), new("c:9", 4)], i => i.Key);

        var found = Walk.Select(key => cursor.Find(key)?.Value).ToList();

        Assert.Equal([null, 1, null, 2, null, 3, 4, null], found);
    }

    [Fact]
    public void Items_out_of_key_order_or_keys_asked_for_backwards_are_refused_rather_than_missed()
    {
        Assert.Throws<ArgumentException>(() => new CustomerKeyCursor<Item>([new("b", 1), new("a", 2)], i => i.Key));
        Assert.Throws<ArgumentException>(() => new CustomerKeyCursor<Item>([new("a", 1), new("a", 2)], i => i.Key));

        var cursor = new CustomerKeyCursor<Item>([new("a", 1), new("b", 2)], i => i.Key);
        Assert.Equal(2, cursor.Find("b")!.Value);
        Assert.Throws<ArgumentException>(() => cursor.Find("a"));
    }
}
