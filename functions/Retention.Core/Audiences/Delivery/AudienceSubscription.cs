namespace Retention.Core.Audiences.Delivery;

/// <summary>
/// An endpoint of the shop's that receives its audiences' nightly changes as signed webhooks (<c>docs/audiences.md</c>,
/// "Delivery"): <c>retention audiences subscribe</c>. Its secret is not kept: it is derived from the shop's webhook secret
/// (<see cref="AudienceSubscriptionSecret"/>) and shown once when the subscription is made.
/// </summary>
/// <param name="Audiences">the audiences it receives; empty for every audience of the shop.</param>
/// <param name="IncludeControl">control members are delivered too, flagged <c>"control": true</c>, for tools that suppress them themselves.</param>
/// <param name="CancelledBecause">why it stopped (an endpoint answered 410 Gone, or the shop unsubscribed); null while active.</param>
public sealed record AudienceSubscription(string ShopId, string Id, Uri Url, IReadOnlyList<string> Audiences, bool IncludeControl,
    DateTimeOffset CreatedAt, string? CancelledBecause = null)
{
    public const string IdPrefix = "sub_";

    public bool Active => CancelledBecause is null;

    public bool Receives(string audience) => Audiences.Count == 0 || Audiences.Contains(audience, StringComparer.Ordinal);

    public static string NewId() => IdPrefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <returns>null when <paramref name="text"/> is an endpoint we can post to: https, or http to this machine (a local receiver).</returns>
    public static (Uri? Url, string? Problem) ReadUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url))
            return (null, "--url must be an absolute URL such as https://hooks.example.com/retention");
        if (text.Length > 2000) return (null, "--url is longer than 2,000 characters");
        if (!string.IsNullOrEmpty(url.UserInfo)) return (null, "--url must not carry a user name or password: the signature authenticates the delivery");
        if (url.Scheme == Uri.UriSchemeHttps) return (url, null);
        if (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback) return (url, null);
        return (null, "--url must be https (plain http only to 127.0.0.1 or localhost, for a receiver on this machine)");
    }
}
