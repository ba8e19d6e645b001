namespace Retention.Core.Customers;

/// <summary>
/// Finds per-customer items by key while walking the customers in ordinal key order, the order every per-customer list of
/// the night is in: a merge, not a dictionary of every customer (two of them for 2,000,000 customers were about 150 MiB
/// made for one pass over the customers dataset, at the night's peak; bench night-child). A customer without an item gets
/// null.
/// </summary>
public sealed class CustomerKeyCursor<T> where T : class
{
    private readonly IReadOnlyList<T> _items;
    private readonly Func<int, string> _keyAt;
    private string? _last;
    private int _next;

    /// <param name="items">in ordinal key order, each customer once. A list that makes its items when read
    /// (<see cref="ICustomerKeyList"/>) is walked by its keys, and makes only the items found: walked by the items' keys, the
    /// forecast's 2,000,000 predictions were made about five times a walk (bench night-child).</param>
    public CustomerKeyCursor(IReadOnlyList<T> items, Func<T, string> keyOf)
    {
        _keyAt = items is ICustomerKeyList keys ? keys.KeyAt : i => keyOf(items[i]);
        for (var i = 1; i < items.Count; i++)
            if (string.CompareOrdinal(_keyAt(i - 1), _keyAt(i)) >= 0)
                throw new ArgumentException("the items must be in ordinal customer key order, each customer once", nameof(items));
        _items = items;
    }

    /// <param name="customerKey">not before the key asked for last.</param>
    public T? Find(string customerKey) => IndexOf(customerKey) is var index and >= 0 ? _items[index] : null;

    /// <summary>Where the item of <paramref name="customerKey"/> is in the items, or -1: for a list read field by field.</summary>
    /// <param name="customerKey">not before the key asked for last.</param>
    public int IndexOf(string customerKey)
    {
        if (_last is not null && string.CompareOrdinal(_last, customerKey) > 0)
            throw new ArgumentException($"customer keys must be asked for in ordinal order: '{customerKey}' after '{_last}'", nameof(customerKey));
        _last = customerKey;
        while (_next < _items.Count && string.CompareOrdinal(_keyAt(_next), customerKey) < 0) _next++;
        return _next < _items.Count && _keyAt(_next) == customerKey ? _next : -1;
    }
}
