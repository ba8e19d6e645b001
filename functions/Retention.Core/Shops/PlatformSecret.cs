namespace Retention.Core.Shops;

/// <summary>
/// A secret a platform signs its webhooks with and a store owner pastes in: a Shopify app's API secret, a WooCommerce
/// webhook's secret. Used as given (the platform signs with exactly these characters), so only the mistakes of pasting
/// are refused. What is wrong is said without the secret: a secret is never printed back.
/// </summary>
public static class PlatformSecret
{
    /// <summary>
    /// Shorter keys can be guessed offline from one captured delivery. Shopify's app secrets are 32 characters or more,
    /// WooCommerce generates 50; a hand-typed one should be as long.
    /// </summary>
    public const int MinimumLength = 16;

    /// <returns>null when usable, otherwise what is wrong, as a phrase to follow the option's name.</returns>
    public static string? Problem(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return "is empty";
        // WooCommerce allows spaces inside a secret (its generator uses them), but a line break or tab is a copy mistake.
        if (secret.Any(char.IsControl)) return "contains a line break, tab or other control character";
        if (char.IsWhiteSpace(secret[0]) || char.IsWhiteSpace(secret[^1])) return "starts or ends with a space";
        if (secret.Length < MinimumLength) return $"is shorter than {MinimumLength} characters";
        return null;
    }
}
