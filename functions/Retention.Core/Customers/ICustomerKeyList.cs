namespace Retention.Core.Customers;

/// <summary>
/// A per-customer list that makes its items when they are read (a forecast's predictions from their columns) and can give
/// an item's customer key without making the item: what <see cref="CustomerKeyCursor{T}"/> walks by.
/// </summary>
public interface ICustomerKeyList
{
    string KeyAt(int index);
}
