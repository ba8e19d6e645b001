namespace Retention.Core.Privacy;

/// <summary>
/// Everything that identifies one customer's data in a shop: their customer keys (platform id, e-mail hash), the
/// pseudonyms of those keys (as blob metadata carries them), and their order ids (the orders stored under their keys
/// and the ones Shopify names in the request, which may have been stored under another key).
/// </summary>
public sealed record CustomerMatch(IReadOnlySet<string> CustomerKeys, IReadOnlySet<string> Pseudonyms, IReadOnlySet<string> OrderIds)
{
    public static CustomerMatch Of(IEnumerable<string> customerKeys, IEnumerable<string> orderIds, string salt)
    {
        var keys = customerKeys.ToHashSet(StringComparer.Ordinal);
        return new CustomerMatch(keys, keys.Select(k => CustomerPseudonym.Of(k, salt)).ToHashSet(StringComparer.Ordinal),
            orderIds.ToHashSet(StringComparer.Ordinal));
    }

    public bool IsCustomer(string? customerKey) => customerKey is not null && CustomerKeys.Contains(customerKey);

    public bool Matches(ArchivedEventSubject subject) =>
        IsCustomer(subject.CustomerKey) || (subject.OrderId is { } order && OrderIds.Contains(order));

    /// <summary>The same test on blob metadata: the <c>customer</c> pseudonym, or the (escaped) <c>orderid</c>.</summary>
    public bool MatchesMetadata(string? pseudonym, string? orderId) =>
        (pseudonym is not null && Pseudonyms.Contains(pseudonym)) || (orderId is not null && OrderIds.Contains(orderId));
}
