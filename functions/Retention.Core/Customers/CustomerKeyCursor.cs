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
    private readonly Func<T, string> _keyOf;
    private string? _last;
    private int _next;

    /// <param name="items">in ordinal key order, each customer once.</param>
    public CustomerKeyCursor(IReadOnlyList<T> items, Func<T, string> keyOf)
    {
        for (var i = 1; i < items.Count; i++)
            if (string.CompareOrdinal(keyOf(items[i - 1]), keyOf(items[i])) >= 0)
                throw new ArgumentException("the items must be in ordinal customer key order, each customer once", nameof(items));
        (_items, _keyOf) = (items, keyOf);
    }

    /// <param name="customerKey">not before the key asked for last.</param>
    public T? Find(string customerKey)
    {
        if (_last is not null && string.CompareOrdinal(_last, customerKey) > 0)
            throw new ArgumentException($"customer keys must be asked for in ordinal order: '{customerKey}' after '{_last}'", nameof(customerKey));
        _last = customerKey;
        while (_next < _items.Count && string.CompareOrdinal(_keyOf(_items[_next]), customerKey) < 0) _next++;
        return _next < _items.Count && _keyOf(_items[_next]) == customerKey ? _items[_next] : null;
    }
}
