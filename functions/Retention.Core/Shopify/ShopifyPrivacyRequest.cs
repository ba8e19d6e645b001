using Retention.Core.Customers;

namespace Retention.Core.Shopify;

/// <summary>Shopify's three mandatory compliance topics.</summary>
public static class ShopifyPrivacyTopics
{
    /// <summary>The customer asked the merchant for their data: export what is held about them.</summary>
    public const string DataRequest = "customers/data_request";

    /// <summary>The merchant erased the customer: delete what is held about them.</summary>
    public const string CustomerRedact = "customers/redact";

    /// <summary>Sent 48 hours after the shop uninstalled the app: delete everything held about the shop.</summary>
    public const string ShopRedact = "shop/redact";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { DataRequest, CustomerRedact, ShopRedact };
}

/// <summary>
/// One compliance request as it is archived and processed: the customer's platform id and the salted hash of their
/// e-mail (never the address or phone), the orders Shopify names (<c>orders_requested</c> or <c>orders_to_redact</c>),
/// and the data request's id.
/// </summary>
public sealed record ShopifyPrivacyRequest(
    string Topic,
    string? ShopifyShopId,
    string? ShopDomain,
    string? CustomerId,
    string? EmailHash,
    IReadOnlyList<string> OrderIds,
    string? DataRequestId)
{
    /// <summary>The raw-event folder and queue dispatch key of compliance requests.</summary>
    public const string EventKind = "shopify-privacy";

    /// <summary>
    /// Every key the customer's rows can be stored under: their Shopify id (orders and answers of their account) and
    /// their e-mail's hash (guest checkouts before they had an account).
    /// </summary>
    public IReadOnlyList<string> CustomerKeys =>
    [
        .. CustomerId is null ? Array.Empty<string>() : [CustomerKey.FromPlatformId(CustomerId)],
        .. EmailHash is null ? Array.Empty<string>() : [CustomerKeyPrefixes.Email + EmailHash],
    ];
}
